using System.Net.WebSockets;
using System.Text;

namespace OrleansEci.Emulators.Eci.Tests.Support;

/// <summary>A client for the exec WebSocket framing (channel byte + payload; 3 = status, 255 = close stdin).</summary>
internal sealed class ExecClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public StringBuilder Stdout { get; } = new();
    public StringBuilder Stderr { get; } = new();
    public string? Status { get; private set; }

    public static async Task<ExecClient> ConnectAsync(string uri)
    {
        ExecClient c = new();
        c._socket.Options.AddSubProtocol("v5.channel.k8s.io");
        await c._socket.ConnectAsync(new Uri(uri), TestContext.Current.CancellationToken);
        return c;
    }

    public Task SendStdinAsync(string text) => SendAsync(0, Encoding.UTF8.GetBytes(text));

    public Task CloseStdinAsync() => SendAsync(255, [0]);

    /// <summary>Reads frames until stdout contains <paramref name="text"/> or the server closes.</summary>
    public async Task ReadUntilAsync(string? text = null)
    {
        using CancellationTokenSource limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        byte[] buffer = new byte[64 * 1024];
        while (text is null || !Stdout.ToString().Contains(text, StringComparison.Ordinal))
        {
            using MemoryStream frame = new();
            WebSocketReceiveResult r;
            do
            {
                r = await _socket.ReceiveAsync(buffer, limit.Token);
                frame.Write(buffer, 0, r.Count);
            }
            while (!r.EndOfMessage);

            if (r.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            byte[] data = frame.ToArray();
            string payload = Encoding.UTF8.GetString(data, 1, data.Length - 1);
            _ = data[0] switch
            {
                1 => Stdout.Append(payload),
                2 => Stderr.Append(payload),
                3 => new StringBuilder(Status = payload),
                _ => throw new InvalidOperationException($"Unexpected channel {data[0]}"),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }

        _socket.Dispose();
    }

    private Task SendAsync(byte channel, byte[] payload) =>
        _socket.SendAsync((byte[])[channel, .. payload], WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);
}
