using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace OrleansEci.Eci.Exec;

/// <summary>
/// The client side of the WebSocket an ExecContainerCommand answer names (<c>WebSocketUri</c>, ws:// or wss://, one
/// connection within 30 s). Transport only: send stdin, close stdin, send terminal sizes, receive stdout and stderr until
/// the command ends, then read <see cref="Exit"/>. The framing is <see cref="EciExecChannel"/>'s: ECI does not publish
/// one, so this speaks what the local ECI service documents (src/Emulators/Eci/Exec/ExecFraming.cs), the Kubernetes
/// v5 channel convention.
/// </summary>
/// <remarks>One reader (<see cref="ReceiveAsync"/>) and any number of concurrent senders are safe.</remarks>
public sealed class EciExecSession : IAsyncDisposable
{
    /// <summary>The subprotocols offered: the channel convention the framing follows. A server may pick none.</summary>
    public static IReadOnlyList<string> SubProtocols { get; } = ["v5.channel.k8s.io"];

    private const int ReceiveBufferSize = 16 * 1024;
    private const int MaxSendChunk = 32 * 1024;
    private static readonly byte[] CloseStdinMessage = [(byte)EciExecChannel.Close, (byte)EciExecChannel.Stdin];

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferSize];
    private readonly MemoryStream _message = new();
    private bool _stdinClosed;
    private int _disposed;

    private EciExecSession(WebSocket socket) => _socket = socket;

    /// <summary>How the command ended; null until <see cref="ReceiveAsync"/> returned null.</summary>
    public EciExecExit? Exit { get; private set; }

    /// <summary>Opens the session's WebSocket. <paramref name="configure"/> may set options, e.g. a proxy or TLS checks.</summary>
    /// <exception cref="WebSocketException">The connection or handshake failed (an unknown, used or expired session among them).</exception>
    public static async Task<EciExecSession> ConnectAsync(Uri webSocketUri, Action<ClientWebSocketOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webSocketUri);
        if (webSocketUri.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"ECI's exec WebSocketUri must be ws:// or wss://, got '{webSocketUri.Scheme}://'.", nameof(webSocketUri));
        }

        var socket = new ClientWebSocket();
        try
        {
            foreach (var protocol in SubProtocols)
            {
                socket.Options.AddSubProtocol(protocol);
            }

            configure?.Invoke(socket.Options);
            await socket.ConnectAsync(webSocketUri, cancellationToken).ConfigureAwait(false);
            return new EciExecSession(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a connected socket (tests, or a caller that connects itself).</summary>
    public static EciExecSession FromConnected(WebSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return new EciExecSession(socket);
    }

    /// <summary>
    /// The next piece of stdout or stderr, or null when the command ended (the status arrived, or the socket closed);
    /// <see cref="Exit"/> is then set. A socket closed without a status gives a failed <see cref="Exit"/>, never a success.
    /// </summary>
    public async ValueTask<EciExecOutput?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (Exit is null)
        {
            if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
            {
                Exit = EciExecExit.Failed($"ECI's exec WebSocket ended ({_socket.State}) without an exit status");
                return null;
            }

            var result = await _socket.ReceiveAsync(_receiveBuffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                var why = _socket.CloseStatus is { } status ? $"{(int)status} {_socket.CloseStatusDescription}".TrimEnd() : "no close status";
                Exit = EciExecExit.Failed($"ECI's exec WebSocket closed ({why}) without an exit status");
                await CloseQuietlyAsync().ConfigureAwait(false);
                return null;
            }

            _message.Write(_receiveBuffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var message = _message.ToArray();
            _message.SetLength(0);
            if (message.Length == 0)
            {
                continue;
            }

            var data = message.AsMemory(1);
            switch ((EciExecChannel)message[0])
            {
                case EciExecChannel.Stdout or EciExecChannel.Stderr when data.Length > 0:
                    return new EciExecOutput((EciExecChannel)message[0], data);
                case EciExecChannel.Status:
                    Exit = EciExecExit.Parse(data.Span);
                    await CloseQuietlyAsync().ConfigureAwait(false);
                    return null;
                default:
                    continue; // empty output frames and channels a client does not receive
            }
        }

        return null;
    }

    /// <summary>Sends standard input, in frames of at most 32 KiB.</summary>
    /// <exception cref="InvalidOperationException">Stdin was already closed.</exception>
    public async ValueTask SendStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < data.Length; offset += MaxSendChunk)
        {
            var chunk = data.Slice(offset, Math.Min(MaxSendChunk, data.Length - offset));
            await SendAsync(EciExecChannel.Stdin, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the command its standard input ended (<c>[255, 0]</c>). Idempotent.</summary>
    public async ValueTask CloseStdinAsync(CancellationToken cancellationToken = default)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stdinClosed || _socket.State != WebSocketState.Open)
            {
                return;
            }

            _stdinClosed = true;
            await _socket.SendAsync(CloseStdinMessage, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Sends a terminal size, as Kubernetes' resize channel carries it (<c>{"Width":W,"Height":H}</c>).</summary>
    public ValueTask ResizeAsync(ushort width, ushort height, CancellationToken cancellationToken = default) =>
        SendAsync(EciExecChannel.Resize,
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"Width\":{width},\"Height\":{height}}}")),
            cancellationToken);

    /// <summary>Closes the socket (politely when it is open) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await CloseQuietlyAsync().ConfigureAwait(false);
        _socket.Dispose();
        _sendGate.Dispose();
        await _message.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask SendAsync(EciExecChannel channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var frame = ArrayPool<byte>.Shared.Rent(data.Length + 1);
        try
        {
            frame[0] = (byte)channel;
            data.CopyTo(frame.AsMemory(1));
            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (channel == EciExecChannel.Stdin && _stdinClosed)
                {
                    throw new InvalidOperationException("Stdin of this exec session was already closed.");
                }

                await _socket.SendAsync(frame.AsMemory(0, data.Length + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendGate.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private async ValueTask CloseQuietlyAsync()
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // Sends the close frame only; it does not wait for the peer's.
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort(); // the peer is gone; nothing left to tell it
        }
    }
}
