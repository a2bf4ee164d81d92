using OrleansEci.Spdy.Compression;
using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>The far end of a connection driven frame by frame, to check what a session puts on the wire.</summary>
internal sealed class RawPeer(Stream stream) : IAsyncDisposable
{
    private readonly SpdyFrameReader reader = new(stream, new SpdyHeaderDecompressor());
    private readonly SpdyFrameWriter writer = new(stream, new SpdyHeaderCompressor());

    public async Task SendAsync(SpdyFrame frame)
    {
        await writer.WriteFrameAsync(frame, TestContext.Current.CancellationToken);
        await writer.FlushAsync(TestContext.Current.CancellationToken);
    }

    public async Task<SpdyFrame?> ReadAsync() => await reader.ReadFrameAsync(TestContext.Current.CancellationToken);

    /// <summary>Reads frames until one of type <typeparamref name="T"/> arrives, skipping SETTINGS and WINDOW_UPDATE.</summary>
    public async Task<T> ExpectAsync<T>()
        where T : SpdyFrame
    {
        while (true)
        {
            var frame = await ReadAsync();
            switch (frame)
            {
                case T match:
                    return match;
                case SettingsFrame or WindowUpdateFrame:
                    continue;
                case null:
                    throw new Xunit.Sdk.XunitException($"Expected a {typeof(T).Name}, but the connection ended.");
                default:
                    throw new Xunit.Sdk.XunitException($"Expected a {typeof(T).Name}, got {frame}.");
            }
        }
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
