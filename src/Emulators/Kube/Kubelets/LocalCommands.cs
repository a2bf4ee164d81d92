using System.Globalization;
using System.Text;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>
/// What a <see cref="LocalKubelet"/> runs for exec when no handler is set: a few shell built-ins with real exit codes,
/// no process is started. <c>echo ARGS</c>, <c>cat</c> (stdin to stdout), <c>true</c>, <c>false</c>, <c>exit N</c>,
/// <c>sh -c "SCRIPT"</c> (one of those), and attach (stdin echoed to stdout). Anything else exits 127 with the
/// runtime's "executable file not found" message on stderr.
/// </summary>
public static class LocalCommands
{
    public static async Task RunAsync(IRemoteCommandStreams streams, KubeletExecTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        string[] command = [.. streams.Request.Command];
        if (command is ["sh" or "/bin/sh" or "bash" or "/bin/bash", "-c", var script, ..])
        {
            command = script.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        var exitCode = command switch
        {
            [] => await CopyAsync(streams, cancellationToken).ConfigureAwait(false),
            ["cat"] => await CopyAsync(streams, cancellationToken).ConfigureAwait(false),
            ["echo", .. var words] => await WriteAsync(streams.Stdout, string.Join(' ', words) + "\n", 0, cancellationToken).ConfigureAwait(false),
            ["true"] => 0,
            ["false"] => 1,
            ["exit", var code] when int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 255 => n,
            [var name, ..] => await WriteAsync(streams.Stderr ?? streams.Stdout,
                $"exec: \"{name}\": executable file not found in $PATH\n", 127, cancellationToken).ConfigureAwait(false),
        };
        await streams.CompleteAsync(RemoteCommandStatus.FromExitCode(exitCode, streams.Request.Command), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CopyAsync(IRemoteCommandStreams streams, CancellationToken cancellationToken)
    {
        if (streams.Stdin is { } stdin)
        {
            await stdin.CopyToAsync(streams.Stdout ?? Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> WriteAsync(Stream? output, string text, int exitCode, CancellationToken cancellationToken)
    {
        if (output is not null)
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }

        return exitCode;
    }
}
