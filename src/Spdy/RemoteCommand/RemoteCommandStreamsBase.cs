using System.Net.WebSockets;
using System.Threading.Channels;

using Microsoft.Extensions.Logging;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>What every transport's <see cref="IRemoteCommandStreams"/> shares: the request, the streams, the resize
/// channel, completing exactly once, and telling the client about a command that ended without a status.</summary>
internal abstract class RemoteCommandStreamsBase(RemoteCommandRequest request, string protocol, ILogger logger) : IRemoteCommandStreams
{
    /// <summary>The failure sent when streams are disposed before <see cref="CompleteAsync"/>.</summary>
    public const string UnreportedMessage = "the remote command ended without reporting its status";

    private int completed;

    public RemoteCommandRequest Request => request;

    public string Protocol => protocol;

    public Stream? Stdin { get; protected init; }

    public Stream? Stdout { get; protected init; }

    public Stream? Stderr { get; protected init; }

    public ChannelReader<TerminalSize> Resizes => ResizeChannel.Reader;

    protected Channel<TerminalSize> ResizeChannel { get; } = Channel.CreateUnbounded<TerminalSize>();

    protected ILogger Logger => logger;

    /// <summary>Whether the transport can still carry a status when disposed without one.</summary>
    protected virtual bool CanReportStatus => true;

    public Task CompleteAsync(RemoteCommandStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Interlocked.Exchange(ref completed, 1) == 1
            ? throw new InvalidOperationException("The remote command was already completed; CompleteAsync is called once.")
            : CompleteCoreAsync(status, cancellationToken);
    }

    /// <summary>Ends the transport; if the command never completed, first tells the client it failed, so a crash is
    /// never reported as success.</summary>
    public async ValueTask DisposeAsync()
    {
        ResizeChannel.Writer.TryComplete();
        if (Volatile.Read(ref completed) == 0 && CanReportStatus)
        {
            try
            {
                await CompleteAsync(RemoteCommandStatus.Failure(UnreportedMessage)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or WebSocketException or OperationCanceledException)
            {
                RemoteCommandLog.CompleteFailed(logger, ex);
            }
        }

        await DisposeCoreAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the outputs, sends the status and ends the connection.</summary>
    protected abstract Task CompleteCoreAsync(RemoteCommandStatus status, CancellationToken cancellationToken);

    /// <summary>Releases the connection.</summary>
    protected abstract ValueTask DisposeCoreAsync();
}
