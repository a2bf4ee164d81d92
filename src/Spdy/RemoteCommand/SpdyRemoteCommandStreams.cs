using System.Threading.Channels;

using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary><see cref="IRemoteCommandStreams"/> over the streams a client opened on a SPDY session.</summary>
internal sealed class SpdyRemoteCommandStreams : IRemoteCommandStreams
{
    private readonly SpdySession session;
    private readonly SpdyStream error;
    private readonly SpdyStream? stdout;
    private readonly SpdyStream? stderr;
    private readonly Channel<TerminalSize> resizes = Channel.CreateUnbounded<TerminalSize>();
    private readonly ILogger logger;
    private int completed;

    public SpdyRemoteCommandStreams(
        SpdySession session, string protocol, RemoteCommandRequest request, IReadOnlyDictionary<string, SpdyStream> streams, ILogger logger)
    {
        this.session = session;
        this.logger = logger;
        Protocol = protocol;
        Request = request;
        error = streams[RemoteCommandStreamTypes.Error];
        stdout = streams.GetValueOrDefault(RemoteCommandStreamTypes.Stdout);
        stderr = streams.GetValueOrDefault(RemoteCommandStreamTypes.Stderr);
        Stdin = streams.GetValueOrDefault(RemoteCommandStreamTypes.Stdin)?.AsStream();
        Stdout = stdout?.AsStream();
        Stderr = stderr?.AsStream();
        if (streams.GetValueOrDefault(RemoteCommandStreamTypes.Resize) is { } resize)
        {
            _ = Task.Run(() => PumpResizesAsync(resize));
        }
        else
        {
            resizes.Writer.TryComplete();
        }
    }

    public RemoteCommandRequest Request { get; }

    public string Protocol { get; }

    public Stream? Stdin { get; }

    public Stream? Stdout { get; }

    public Stream? Stderr { get; }

    public ChannelReader<TerminalSize> Resizes => resizes.Reader;

    public async Task CompleteAsync(RemoteCommandStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (Interlocked.Exchange(ref completed, 1) == 1)
        {
            throw new InvalidOperationException("The remote command was already completed; CompleteAsync is called once.");
        }

        foreach (var output in new[] { stdout, stderr })
        {
            if (output is not null)
            {
                await output.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // The kubelet's order: status on the error stream, then close the connection (which resets the rest).
        await error.WriteAsync(status.Encode(Protocol), fin: true, cancellationToken).ConfigureAwait(false);
        await session.CloseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the session; if the command never completed, first tells the client it failed.</summary>
    public async ValueTask DisposeAsync()
    {
        resizes.Writer.TryComplete();
        if (Volatile.Read(ref completed) == 0)
        {
            try
            {
                await CompleteAsync(RemoteCommandStatus.Failure(UnreportedMessage)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                RemoteCommandLog.CompleteFailed(logger, ex);
            }
        }

        await session.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The failure sent when streams are disposed before <see cref="CompleteAsync"/>.</summary>
    internal const string UnreportedMessage = "the remote command ended without reporting its status";

    private async Task PumpResizesAsync(SpdyStream resize)
    {
        var decoder = new TerminalSizeDecoder();
        var buffer = new byte[1024];
        try
        {
            int count;
            while ((count = await resize.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                foreach (var size in decoder.Feed(buffer.AsSpan(0, count)))
                {
                    resizes.Writer.TryWrite(size);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            RemoteCommandLog.BadResize(logger, ex.Message);
        }
        finally
        {
            resizes.Writer.TryComplete();
        }
    }
}
