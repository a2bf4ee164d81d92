using System.Net.WebSockets;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// A WebSocket seen as a byte stream: reads return the payloads of binary messages in order, writes send one binary
/// message each; a close frame is the end of the stream. This is client-go's tunneling connection
/// (tools/portforward/tunneling_connection.go) seen from the server side, used to carry SPDY inside a WebSocket.
/// </summary>
internal sealed class WebSocketByteStream : Stream
{
    private readonly WebSocket _socket;

    public WebSocketByteStream(WebSocket socket)
    {
        _socket = socket;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("A WebSocket has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A WebSocket has no position.");
        set => throw new NotSupportedException("A WebSocket has no position.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
            {
                return 0;
            }

            var result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                }

                return 0;
            }

            if (result.Count > 0 || buffer.Length == 0)
            {
                return result.Count;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _socket.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A WebSocket cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A WebSocket has no length.");

    public override async ValueTask DisposeAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // The peer is gone.
            }
        }

        _socket.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
