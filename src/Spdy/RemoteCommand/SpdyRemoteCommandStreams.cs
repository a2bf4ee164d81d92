using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary><see cref="IRemoteCommandStreams"/> over the streams a client opened on a SPDY session.</summary>
internal sealed class SpdyRemoteCommandStreams : RemoteCommandStreamsBase
{
    private readonly SpdySession session;
    private readonly SpdyStream error;
    private readonly SpdyStream? stdout;
    private readonly SpdyStream? stderr;

    public SpdyRemoteCommandStreams(
        SpdySession session, string protocol, RemoteCommandRequest request, IReadOnlyDictionary<string, SpdyStream> streams, ILogger logger)
        : base(request, protocol, logger)
    {
        this.session = session;
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
            ResizeChannel.Writer.TryComplete();
        }
    }

    protected override async Task CompleteCoreAsync(RemoteCommandStatus status, CancellationToken cancellationToken)
    {
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

    protected override ValueTask DisposeCoreAsync() => session.DisposeAsync();

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
                    ResizeChannel.Writer.TryWrite(size);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            RemoteCommandLog.BadResize(Logger, ex.Message);
        }
        finally
        {
            ResizeChannel.Writer.TryComplete();
        }
    }
}
