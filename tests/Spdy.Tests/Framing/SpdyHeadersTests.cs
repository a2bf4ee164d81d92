using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Tests.Framing;

public sealed class SpdyHeadersTests
{
    [Fact]
    public void Add_MixedCaseName_StoresLowercase()
    {
        var headers = new SpdyHeaders { { "streamType", "error" } };

        Assert.Equal("streamtype", headers[0].Key);
        Assert.Equal("error", headers["StreamType"]);
    }

    [Fact]
    public void Add_SameNameTwice_KeepsOneNulSeparatedEntry()
    {
        var headers = new SpdyHeaders { { "x-stream-protocol-version", "v4.channel.k8s.io" }, { "X-Stream-Protocol-Version", "v3.channel.k8s.io" } };

        Assert.Single(headers);
        Assert.Equal("v4.channel.k8s.io\0v3.channel.k8s.io", headers[0].Value);
        Assert.Equal(["v4.channel.k8s.io", "v3.channel.k8s.io"], headers.GetValues("x-stream-protocol-version"));
        Assert.Equal("v4.channel.k8s.io", headers["x-stream-protocol-version"]);
    }

    [Fact]
    public void Decode_EncodedBlock_RoundTrips()
    {
        var headers = new SpdyHeaders { { "port", "8080" }, { "requestid", "0" }, { "empty", "" } };

        var decoded = SpdyHeaderBlock.Decode(SpdyHeaderBlock.Encode(headers));

        Assert.Equal(headers.ToList(), decoded.ToList());
    }

    [Fact]
    public void Decode_EmptyBlock_ReturnsNoHeaders()
    {
        // kubelet replies to every stream with an empty header block.
        Assert.Empty(SpdyHeaderBlock.Decode([]));
        Assert.Empty(SpdyHeaderBlock.Decode([0, 0, 0, 0]));
    }

    [Fact]
    public void Decode_LengthPastEnd_ThrowsProtocolError()
    {
        Assert.Throws<SpdyProtocolException>(() => SpdyHeaderBlock.Decode([0, 0, 0, 1, 0, 0, 0, 9, (byte)'a']));
    }
}
