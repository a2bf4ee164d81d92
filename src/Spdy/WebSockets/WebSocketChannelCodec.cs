using System.Buffers.Text;
using System.Net.WebSockets;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Spdy.WebSockets;

/// <summary>
/// Encodes and decodes messages of the Kubernetes WebSocket channel protocol. Binary protocols (<c>v5.channel.k8s.io</c>,
/// <c>v4.channel.k8s.io</c>, <c>channel.k8s.io</c> and the empty protocol) prefix each binary message with the
/// channel byte; base64 protocols (<c>v4.base64.channel.k8s.io</c>, <c>base64.channel.k8s.io</c>) send text messages
/// of an ASCII channel digit followed by base64 data (kubelet/apiserver <c>wsstream</c>).
/// </summary>
public sealed class WebSocketChannelCodec
{
    /// <summary>Creates the codec for a negotiated subprotocol.</summary>
    public WebSocketChannelCodec(string protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        Protocol = protocol;
        IsBase64 = protocol is RemoteCommandProtocols.V4Base64 or RemoteCommandProtocols.V1Base64;
    }

    /// <summary>The subprotocol.</summary>
    public string Protocol { get; }

    /// <summary>True for the base64 text variants.</summary>
    public bool IsBase64 { get; }

    /// <summary>True for v5, which has the CLOSE signal (channel 255).</summary>
    public bool SupportsCloseSignal => Protocol == RemoteCommandProtocols.V5;

    /// <summary>The WebSocket message type this protocol uses.</summary>
    public WebSocketMessageType MessageType => IsBase64 ? WebSocketMessageType.Text : WebSocketMessageType.Binary;

    /// <summary>Encodes one message carrying <paramref name="data"/> on <paramref name="channel"/>.</summary>
    public byte[] Encode(byte channel, ReadOnlySpan<byte> data)
    {
        if (!IsBase64)
        {
            var message = new byte[data.Length + 1];
            message[0] = channel;
            data.CopyTo(message.AsSpan(1));
            return message;
        }

        if (channel > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "Base64 channel protocols can only name channels 0 to 9.");
        }

        var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(data.Length) + 1];
        encoded[0] = (byte)('0' + channel);
        Base64.EncodeToUtf8(data, encoded.AsSpan(1), out _, out var written);
        return encoded[..(written + 1)];
    }

    /// <summary>The v5 CLOSE signal for <paramref name="channel"/>: <c>[255, channel]</c>.</summary>
    public byte[] EncodeCloseSignal(byte channel) => SupportsCloseSignal
        ? [RemoteCommandChannel.Close, channel]
        : throw new NotSupportedException($"The CLOSE signal exists only in {RemoteCommandProtocols.V5}, not in '{Protocol}'.");

    /// <summary>Decodes one complete message.</summary>
    /// <exception cref="InvalidDataException">The message is empty, names no valid channel, or is not valid base64.</exception>
    public WebSocketChannelFrame Decode(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty)
        {
            throw new InvalidDataException("An empty WebSocket message carries no channel byte.");
        }

        if (!IsBase64)
        {
            return new WebSocketChannelFrame(message[0], message[1..].ToArray());
        }

        var digit = message[0];
        if (digit is < (byte)'0' or > (byte)'9')
        {
            throw new InvalidDataException($"A base64 channel message must start with a channel digit, got byte {digit}.");
        }

        var payload = message[1..];
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(payload.Length)];
        if (Base64.DecodeFromUtf8(payload, decoded, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidDataException($"Channel {digit - '0'} carries invalid base64.");
        }

        return new WebSocketChannelFrame((byte)(digit - '0'), decoded.AsMemory(0, written));
    }
}
