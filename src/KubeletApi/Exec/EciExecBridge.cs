using System.Net.WebSockets;

using Microsoft.Extensions.Logging;

using OrleansEci.Eci.Exec;
using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.KubeletApi.Exec;

/// <summary>
/// Joins the caller's session (SPDY or WebSocket, <see cref="IRemoteCommandStreams"/>) to ECI's exec WebSocket
/// (<see cref="EciExecSession"/>): stdin and terminal sizes go to ECI, stdout and stderr come back, and when ECI reports
/// how the command ended, that status (exit code included) goes to the caller. Either side ending ends the session.
/// </summary>
internal static class EciExecBridge
{
    private const int StdinBufferSize = 16 * 1024;

    /// <summary>Forwards until ECI's command ends, completes <paramref name="client"/> with its status and returns it.
    /// A broken ECI connection is a failure status, never a success. Cancellation (the caller went away) propagates.</summary>
    public static async Task<RemoteCommandStatus> RunAsync(IRemoteCommandStreams client, EciExecSession eci, ILogger logger, CancellationToken cancellationToken)
    {
        using var pumps = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdin = PumpStdinAsync(client, eci, logger, pumps.Token);
        var resizes = PumpResizesAsync(client, eci, logger, pumps.Token);
        RemoteCommandStatus status;
        try
        {
            await CopyOutputAsync(client, eci, cancellationToken).ConfigureAwait(false);
            status = ToStatus(eci.Exit ?? EciExecExit.Failed("ECI's exec session ended without an exit status"), client.Request.Command);
        }
        catch (WebSocketException e)
        {
            status = RemoteCommandStatus.Failure($"the connection to ECI's exec session broke: {e.Message}");
        }
        catch (IOException e)
        {
            // The caller's side of the output broke (e.g. a reset stream): nobody is left to read a status.
            status = RemoteCommandStatus.Failure($"writing the command's output to the client failed: {e.Message}");
        }
        finally
        {
            await pumps.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(stdin, resizes).ConfigureAwait(false); // both pumps end on cancellation without throwing
        }

        await client.CompleteAsync(status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>The caller's status for ECI's outcome: the exit code as the kubelet reports it, or a failure with ECI's message.</summary>
    public static RemoteCommandStatus ToStatus(EciExecExit exit, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(exit);
        return exit.ExitCode is int code and >= 0 and <= 255
            ? RemoteCommandStatus.FromExitCode(code, command)
            : RemoteCommandStatus.Failure(exit.Message ?? "ECI's exec session ended without an exit status");
    }

    private static async Task CopyOutputAsync(IRemoteCommandStreams client, EciExecSession eci, CancellationToken cancellationToken)
    {
        while (await eci.ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } output)
        {
            // With a TTY there is no stderr stream: what ECI still sends there belongs on the terminal.
            var target = output.Channel == EciExecChannel.Stderr
                ? client.Stderr ?? (client.Request.Tty ? client.Stdout : null)
                : client.Stdout;
            if (target is null)
            {
                continue; // a stream the caller did not ask for
            }

            await target.WriteAsync(output.Data, cancellationToken).ConfigureAwait(false);
            await target.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PumpStdinAsync(IRemoteCommandStreams client, EciExecSession eci, ILogger logger, CancellationToken cancellationToken)
    {
        if (client.Stdin is null)
        {
            return;
        }

        var buffer = new byte[StdinBufferSize];
        try
        {
            int count;
            while ((count = await client.Stdin.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await eci.SendStdinAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            }

            await eci.CloseStdinAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the command ended first
        }
        catch (Exception e) when (e is IOException or WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // Input cannot flow any more; the output side decides how the session ends.
            ExecLog.PumpStopped(logger, "stdin", e.Message);
        }
    }

    private static async Task PumpResizesAsync(IRemoteCommandStreams client, EciExecSession eci, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var size in client.Resizes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await eci.ResizeAsync(size.Width, size.Height, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the command ended first
        }
        catch (Exception e) when (e is IOException or WebSocketException or ObjectDisposedException)
        {
            ExecLog.PumpStopped(logger, "resize", e.Message);
        }
    }
}
