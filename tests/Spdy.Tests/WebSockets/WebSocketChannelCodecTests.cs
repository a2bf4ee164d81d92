using System.Net.WebSockets;
using System.Text;

using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.WebSockets;

namespace OrleansEci.Spdy.Tests.WebSockets;

public sealed class WebSocketChannelCodecTests
{
    [Fact]
    public void Encode_BinaryProtocol_PrefixesChannelByte()
    {
        var codec = new WebSocketChannelCodec(RemoteCommandProtocols.V5);

        Assert.Equal([1, (byte)'h', (byte)'i'], codec.Encode(RemoteCommandChannel.Stdout, "hi"u8));
        Assert.Equal(WebSocketMessageType.Binary, codec.MessageType);
        Assert.Equal([255, 0], codec.EncodeCloseSignal(RemoteCommandChannel.Stdin));
    }

    [Fact]
    public void Encode_Base64Protocol_SendsDigitAndBase64Text()
    {
        var codec = new WebSocketChannelCodec(RemoteCommandProtocols.V4Base64);

        Assert.Equal("2aGVsbG8=", Encoding.ASCII.GetString(codec.Encode(RemoteCommandChannel.Stderr, "hello"u8)));
        Assert.Equal(WebSocketMessageType.Text, codec.MessageType);
    }

    [Theory]
    [InlineData(RemoteCommandProtocols.V5)]
    [InlineData(RemoteCommandProtocols.V4)]
    [InlineData(RemoteCommandProtocols.V4Base64)]
    [InlineData(RemoteCommandProtocols.V1)]
    [InlineData(RemoteCommandProtocols.V1Base64)]
    public void Decode_EncodedMessage_RoundTrips(string protocol)
    {
        var codec = new WebSocketChannelCodec(protocol);
        var data = new byte[] { 0, 1, 2, 250, 255, 10 };

        var frame = codec.Decode(codec.Encode(RemoteCommandChannel.Resize, data));

        Assert.Equal(RemoteCommandChannel.Resize, frame.Channel);
        Assert.Equal(data, frame.Data.ToArray());
    }

    [Fact]
    public void Decode_BadInput_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => new WebSocketChannelCodec(RemoteCommandProtocols.V4).Decode([]));
        Assert.Throws<InvalidDataException>(() => new WebSocketChannelCodec(RemoteCommandProtocols.V1Base64).Decode("x!!"u8));
        Assert.Throws<InvalidDataException>(() => new WebSocketChannelCodec(RemoteCommandProtocols.V1Base64).Decode("0%%%"u8));
    }

    [Fact]
    public void EncodeCloseSignal_BeforeV5_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => new WebSocketChannelCodec(RemoteCommandProtocols.V4).EncodeCloseSignal(0));
    }
}
