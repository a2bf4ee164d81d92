using OrleansEci.Spdy.Compression;
using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Tests.Framing;

public sealed class SpdyFrameRoundTripTests
{
    [Fact]
    public async Task WriteFrameThenReadFrame_EveryFrameType_RoundTrips()
    {
        var ct = TestContext.Current.CancellationToken;
        var headers = new SpdyHeaders { { "streamType", "stdout" }, { ":path", "/exec" } };
        SpdyFrame[] frames =
        [
            new SynStreamFrame(1, 0, 3, Fin: false, Unidirectional: true, headers),
            new SynReplyFrame(1, Fin: true, new SpdyHeaders()),
            new HeadersFrame(3, Fin: false, headers),
            new RstStreamFrame(5, SpdyStreamStatus.Cancel),
            new SettingsFrame(true, [new SpdySetting(SpdySettingId.InitialWindowSize, 12345, 1), new SpdySetting(SpdySettingId.MaxConcurrentStreams, 7)]),
            new PingFrame(0xFFFF_FFFE),
            new GoAwayFrame(41, SpdyGoAwayStatus.InternalError),
            new WindowUpdateFrame(0, 0x7FFF_0000),
            new WindowUpdateFrame(9, 1),
        ];
        using var wire = new MemoryStream();
        var writer = new SpdyFrameWriter(wire, new SpdyHeaderCompressor());
        foreach (var frame in frames)
        {
            await writer.WriteFrameAsync(frame, ct);
        }

        await writer.WriteDataAsync(7, "hello"u8.ToArray(), fin: true, ct);
        wire.Position = 0;
        var reader = new SpdyFrameReader(wire, new SpdyHeaderDecompressor());

        foreach (var expected in frames)
        {
            var actual = await reader.ReadFrameAsync(ct);
            Assert.Equal(Describe(expected), Describe(actual!));
        }

        var data = Assert.IsType<DataFrame>(await reader.ReadFrameAsync(ct));
        Assert.Equal((7, true, "hello"), (data.StreamId, data.Fin, System.Text.Encoding.ASCII.GetString(data.Data.Span)));
        Assert.Null(await reader.ReadFrameAsync(ct));
    }

    [Fact]
    public async Task WriteFrame_RstStream_HasSpecLayout()
    {
        using var wire = new MemoryStream();
        await new SpdyFrameWriter(wire, new SpdyHeaderCompressor()).WriteFrameAsync(
            new RstStreamFrame(5, SpdyStreamStatus.Cancel), TestContext.Current.CancellationToken);

        Assert.Equal("80030003000000080000000500000005", Convert.ToHexString(wire.ToArray()));
    }

    [Fact]
    public async Task WriteDataAsync_EmptyFin_HasSpecLayout()
    {
        using var wire = new MemoryStream();
        await new SpdyFrameWriter(wire, new SpdyHeaderCompressor()).WriteDataAsync(3, ReadOnlyMemory<byte>.Empty, fin: true, TestContext.Current.CancellationToken);

        Assert.Equal("0000000301000000", Convert.ToHexString(wire.ToArray()));
    }

    [Fact]
    public async Task ReadFrameAsync_Spdy2ControlFrame_ThrowsProtocolError()
    {
        using var wire = new MemoryStream(Convert.FromHexString("8002000600000004" + "00000001"));

        var error = await Assert.ThrowsAsync<SpdyProtocolException>(() =>
            new SpdyFrameReader(wire, new SpdyHeaderDecompressor()).ReadFrameAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Contains("SPDY/2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFrameAsync_TruncatedPayload_ThrowsEndOfStream()
    {
        using var wire = new MemoryStream(Convert.FromHexString("0000000100000010" + "0102"));

        await Assert.ThrowsAsync<EndOfStreamException>(() =>
            new SpdyFrameReader(wire, new SpdyHeaderDecompressor()).ReadFrameAsync(TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task ReadFrameAsync_UnknownControlType_ReturnsUnknownFrame()
    {
        using var wire = new MemoryStream(Convert.FromHexString("8003000a00000002" + "abcd"));

        var frame = await new SpdyFrameReader(wire, new SpdyHeaderDecompressor()).ReadFrameAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new UnknownControlFrame(3, 10, 0, 2), frame);
    }

    [Fact]
    public async Task ReadFrameAsync_FrameAboveLimit_ThrowsProtocolError()
    {
        using var wire = new MemoryStream(Convert.FromHexString("0000000100100000"));

        await Assert.ThrowsAsync<SpdyProtocolException>(() =>
            new SpdyFrameReader(wire, new SpdyHeaderDecompressor(), maxFrameSize: 65536).ReadFrameAsync(TestContext.Current.CancellationToken).AsTask());
    }

    private static string Describe(SpdyFrame frame) => frame switch
    {
        SynStreamFrame f => $"SYN_STREAM {f.StreamId} {f.AssociatedStreamId} {f.Priority} {f.Fin} {f.Unidirectional} [{f.Headers}]",
        SynReplyFrame f => $"SYN_REPLY {f.StreamId} {f.Fin} [{f.Headers}]",
        HeadersFrame f => $"HEADERS {f.StreamId} {f.Fin} [{f.Headers}]",
        SettingsFrame f => $"SETTINGS {f.ClearSettings} [{string.Join(", ", f.Settings)}]",
        _ => frame.ToString(),
    };
}
