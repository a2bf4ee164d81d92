using System.Globalization;
using System.Text;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>
/// A stand-in for a container's command, run by the test kubelet endpoint: with a TTY it first reports the first
/// terminal size; it copies stdin to stdout upper-cased, reports the byte count on stderr, and exits with the code
/// that ends its last argument ("3" or "exit 3"). The command "crash" throws instead.
/// </summary>
internal static class UpperCaseCommand
{
    public static async Task RunAsync(IRemoteCommandStreams streams, CancellationToken cancellationToken)
    {
        if (streams.Request.Command is ["crash", ..])
        {
            throw new InvalidOperationException("The command runner crashed before reporting a status.");
        }

        if (streams.Request.Tty && streams.Stdout is { } terminal)
        {
            var size = await streams.Resizes.ReadAsync(cancellationToken);
            await terminal.WriteAsync(Encoding.ASCII.GetBytes($"size {size.Width}x{size.Height}\n"), cancellationToken);
        }

        long total = 0;
        if (streams.Stdin is { } stdin)
        {
            var buffer = new byte[8192];
            int count;
            while ((count = await stdin.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += count;
                for (var i = 0; i < count; i++)
                {
                    buffer[i] = buffer[i] is >= (byte)'a' and <= (byte)'z' ? (byte)(buffer[i] - 32) : buffer[i];
                }

                if (streams.Stdout is { } stdout)
                {
                    await stdout.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                }
            }
        }

        if (streams.Stderr is { } stderr)
        {
            await stderr.WriteAsync(Encoding.ASCII.GetBytes($"read {total} bytes\n"), cancellationToken);
        }

        var exitCode = streams.Request.Command.Count == 0 ? 0 : int.Parse(streams.Request.Command[^1].Split(' ')[^1], CultureInfo.InvariantCulture);
        await streams.CompleteAsync(RemoteCommandStatus.FromExitCode(exitCode, streams.Request.Command), cancellationToken);
    }
}
