using System.Net.WebSockets;
using System.Text;

namespace OrleansEci.Emulators.Eci.Exec;

/// <summary>One exec WebSocket: channel-prefixed frames out, stdin frames in (see <see cref="ExecFraming"/>).</summary>
internal sealed class ExecConnection(WebSocket socket, bool tty, CancellationToken cancellationToken)
{
    public async Task SendAsync(byte channel, string text)
    {
        if (text.Length == 0 || socket.State != WebSocketState.Open)
        {
            return;
        }

        if (tty)
        {
            channel = ExecFraming.Stdout;
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        }

        await socket.SendAsync(ExecFraming.Frame(channel, text), WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stdin text until the client closes stdin (channel 255) or the socket.</summary>
    public async IAsyncEnumerable<string> ReadStdinAsync()
    {
        byte[] buffer = new byte[16 * 1024];
        using MemoryStream message = new();
        while (socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                yield break;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            byte[] frame = message.ToArray();
            message.SetLength(0);
            if (frame.Length == 0)
            {
                continue;
            }

            if (frame[0] == ExecFraming.Close)
            {
                yield break;
            }

            if (frame[0] == ExecFraming.Stdin)
            {
                yield return Encoding.UTF8.GetString(frame, 1, frame.Length - 1);
            }
        }
    }

    public async Task FinishAsync(int exitCode)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        await socket.SendAsync(ExecFraming.Frame(ExecFraming.Status, ExecFraming.StatusJson(exitCode)), WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken).ConfigureAwait(false);
    }
}
