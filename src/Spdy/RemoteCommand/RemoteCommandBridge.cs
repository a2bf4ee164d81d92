using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>
/// Connects a client-facing session (e.g. kubectl's WebSocket) to a remote command elsewhere (e.g. a kubelet over
/// SPDY), as kube-apiserver's stream translator (KEP-4006) does: stdin and resizes flow out, stdout and stderr flow
/// back, and once both have ended the remote status is handed to the client.
/// </summary>
public static class RemoteCommandBridge
{
    /// <summary>Connects to the remote side (e.g. <see cref="SpdyRemoteCommandClient.ConnectAsync"/> toward a kubelet)
    /// and forwards, as kube-apiserver's translator does after accepting the client: if connecting fails, the client
    /// gets that failure as its status (the kubelet's Status message for a refused upgrade) instead of a dropped
    /// connection. Disposes the remote side.</summary>
    public static async Task<RemoteCommandStatus> RunAsync(
        IRemoteCommandStreams inbound,
        Func<CancellationToken, Task<IRemoteCommandClient>> connectOutbound,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(connectOutbound);
        IRemoteCommandClient outbound;
        try
        {
            outbound = await connectOutbound(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var status = ConnectFailure(ex);
            RemoteCommandLog.BridgeFailed(logger ?? NullLogger.Instance, status.Message ?? ex.Message);
            await inbound.CompleteAsync(status, cancellationToken).ConfigureAwait(false);
            return status;
        }

        await using (outbound.ConfigureAwait(false))
        {
            return await RunAsync(inbound, outbound, logger, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forwards until the remote command ends and returns its status (a failure status if forwarding
    /// broke). Completes <paramref name="inbound"/>; the caller disposes both sides.</summary>
    public static async Task<RemoteCommandStatus> RunAsync(
        IRemoteCommandStreams inbound, IRemoteCommandClient outbound, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(outbound);
        logger ??= NullLogger.Instance;
        using var pumps = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdin = PumpStdinAsync(inbound, outbound, pumps.Token);
        var resizes = PumpResizesAsync(inbound, outbound, pumps.Token);
        RemoteCommandStatus status;
        try
        {
            await Task.WhenAll(
                CopyAsync(outbound.Stdout, inbound.Stdout, cancellationToken),
                CopyAsync(outbound.Stderr, inbound.Stderr, cancellationToken)).ConfigureAwait(false);
            status = await outbound.WaitForStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Net.WebSockets.WebSocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            RemoteCommandLog.BridgeFailed(logger, ex.Message);
            status = RemoteCommandStatus.Failure($"error forwarding the remote command: {ex.Message}");
        }

        await pumps.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(stdin, resizes).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        try
        {
            await inbound.CompleteAsync(status, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.WebSockets.WebSocketException)
        {
            RemoteCommandLog.CompleteFailed(logger, ex);
        }

        return status;
    }

    private static RemoteCommandStatus ConnectFailure(Exception error) => error switch
    {
        Upgrade.SpdyUpgradeException { StatusCode: 401 } e => RemoteCommandStatus.Failure(e.Message, "Unauthorized", 401),
        Upgrade.SpdyUpgradeException { StatusCode: 403 } e => RemoteCommandStatus.Failure(e.Message, "Forbidden", 403),
        Upgrade.SpdyUpgradeException { StatusCode: 404 } e => RemoteCommandStatus.Failure(e.Message, "NotFound", 404),
        Upgrade.SpdyUpgradeException { StatusCode: 400 } e => RemoteCommandStatus.Failure(e.Message, "BadRequest", 400),
        _ => RemoteCommandStatus.Failure($"error dialing backend: {error.Message}"),
    };

    private static async Task CopyAsync(Stream? source, Stream? destination, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return;
        }

        // Output the client did not ask for is drained, so the remote side never blocks on it.
        await source.CopyToAsync(destination ?? Stream.Null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task PumpStdinAsync(IRemoteCommandStreams inbound, IRemoteCommandClient outbound, CancellationToken cancellationToken)
    {
        if (inbound.Stdin is null || outbound.Stdin is null)
        {
            return;
        }

        await inbound.Stdin.CopyToAsync(outbound.Stdin, cancellationToken).ConfigureAwait(false);
        await outbound.CloseStdinAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task PumpResizesAsync(IRemoteCommandStreams inbound, IRemoteCommandClient outbound, CancellationToken cancellationToken)
    {
        await foreach (var size in inbound.Resizes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await outbound.ResizeAsync(size, cancellationToken).ConfigureAwait(false);
        }
    }
}
