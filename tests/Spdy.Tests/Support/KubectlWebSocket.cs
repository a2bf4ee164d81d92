using System.Net.WebSockets;

using OrleansEci.Spdy.WebSockets;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>What kubectl ≥ 1.30 does for exec: a real <see cref="ClientWebSocket"/> speaking the channel protocol.</summary>
internal sealed class KubectlWebSocket : IDisposable
{
    private readonly ClientWebSocket socket = new();

    private KubectlWebSocket(WebSocketChannelCodec codec) => Codec = codec;

    public WebSocketChannelCodec Codec { get; }

    public Dictionary<byte, MemoryStream> Received { get; } = [];

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public static async Task<KubectlWebSocket> ConnectAsync(Uri uri, string protocol, CancellationToken cancellationToken)
    {
        var client = new KubectlWebSocket(new WebSocketChannelCodec(protocol));
        client.socket.Options.AddSubProtocol(protocol);
        await client.socket.ConnectAsync(uri, cancellationToken);
        if (client.socket.SubProtocol != protocol)
        {
            throw new Xunit.Sdk.XunitException($"The server should accept subprotocol {protocol}, chose '{client.socket.SubProtocol}'.");
        }

        return client;
    }

    public Task SendAsync(byte channel, ReadOnlySpan<byte> data, CancellationToken cancellationToken) =>
        socket.SendAsync(Codec.Encode(channel, data), Codec.MessageType, endOfMessage: true, cancellationToken);

    public Task SendCloseSignalAsync(byte channel, CancellationToken cancellationToken) =>
        socket.SendAsync(Codec.EncodeCloseSignal(channel), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    /// <summary>Collects every message per channel until the server closes, then answers the close as kubectl does.</summary>
    public async Task ReceiveUntilCloseAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var frame = Codec.Decode(message.ToArray());
                if (!Received.TryGetValue(frame.Channel, out var channel))
                {
                    Received[frame.Channel] = channel = new MemoryStream();
                }

                channel.Write(frame.Data.Span);
                message.SetLength(0);
            }
        }
    }

    public byte[] Channel(byte channel) => Received.TryGetValue(channel, out var data) ? data.ToArray() : [];

    public void Dispose() => socket.Dispose();
}
