using System.Net.WebSockets;
using System.Text;

using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.WebSockets;

namespace OrleansEci.KubeletApi.Tests.Exec;

/// <summary>A client of the WebSocket channel protocol (v5, v4, base64): send stdin, collect every channel until the server closes.</summary>
internal sealed class ChannelWebSocketClient(ClientWebSocket socket, string protocol) : IDisposable
{
    private readonly WebSocketChannelCodec _codec = new(protocol);
    private readonly Dictionary<byte, MemoryStream> _received = [];

    public string NegotiatedProtocol => socket.SubProtocol ?? "";

    public Task SendStdinAsync(string text) =>
        socket.SendAsync(_codec.Encode(RemoteCommandChannel.Stdin, Encoding.UTF8.GetBytes(text)), _codec.MessageType, true, TestContext.Current.CancellationToken);

    public Task CloseStdinAsync() =>
        socket.SendAsync(_codec.EncodeCloseSignal(RemoteCommandChannel.Stdin), WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);

    /// <summary>Collects messages per channel until the server closes, then answers the close.</summary>
    public async Task ReceiveUntilCloseAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var frame = _codec.Decode(message.ToArray());
                if (!_received.TryGetValue(frame.Channel, out var channel))
                {
                    _received[frame.Channel] = channel = new MemoryStream();
                }

                channel.Write(frame.Data.Span);
                message.SetLength(0);
            }
        }
    }

    public string Text(byte channel) => _received.TryGetValue(channel, out var data) ? Encoding.UTF8.GetString(data.ToArray()) : "";

    public RemoteCommandStatus Status => RemoteCommandStatus.Decode(protocol, Encoding.UTF8.GetBytes(Text(RemoteCommandChannel.Error)));

    public void Dispose() => socket.Dispose();
}
