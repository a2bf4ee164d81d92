using System.Threading.Channels;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>
/// The executing side's view of one exec/attach session, whatever carried it (SPDY or WebSocket): read stdin, write
/// stdout/stderr, receive resizes, report how the command ended. The kubelet API implements a command on top of it;
/// <see cref="RemoteCommandBridge"/> forwards it to a <see cref="IRemoteCommandClient"/>.
/// </summary>
public interface IRemoteCommandStreams : IAsyncDisposable
{
    /// <summary>The request: which streams exist, TTY, command, container.</summary>
    RemoteCommandRequest Request { get; }

    /// <summary>The negotiated protocol, e.g. <c>v4.channel.k8s.io</c> (SPDY) or <c>v5.channel.k8s.io</c> (WebSocket).</summary>
    string Protocol { get; }

    /// <summary>Standard input to read; a read returns 0 once the client closed stdin. Null if not requested.</summary>
    Stream? Stdin { get; }

    /// <summary>Standard output to write. Null if not requested.</summary>
    Stream? Stdout { get; }

    /// <summary>Standard error to write. Null if not requested or with a TTY.</summary>
    Stream? Stderr { get; }

    /// <summary>Terminal sizes from the client; completes when the client stops sending them (at once without a TTY).</summary>
    ChannelReader<TerminalSize> Resizes { get; }

    /// <summary>Ends the session: closes stdout and stderr, sends <paramref name="status"/> (exit code or failure)
    /// and closes the connection. Call once, after the last output was written.</summary>
    Task CompleteAsync(RemoteCommandStatus status, CancellationToken cancellationToken = default);
}
