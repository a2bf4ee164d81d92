using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;

using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Spdy.WebSockets;

/// <summary><see cref="IRemoteCommandStreams"/> over an accepted WebSocket speaking the channel protocol.</summary>
internal sealed class WebSocketRemoteCommandStreams : RemoteCommandStreamsBase
{
    private const int MaxMessageSize = 4 * 1024 * 1024;
    private const int MaxOutputMessage = 32 * 1024;
    private readonly WebSocket socket;
    private readonly WebSocketChannelCodec codec;
    private readonly Pipe? stdin;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource receiveDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan closeTimeout;
    private readonly TimeProvider timeProvider;
    private bool stdinClosed;

    public WebSocketRemoteCommandStreams(
        WebSocket socket, string protocol, RemoteCommandRequest request, TimeSpan closeTimeout, ILogger logger, TimeProvider timeProvider)
        : base(request, protocol, logger)
    {
        this.socket = socket;
        this.closeTimeout = closeTimeout;
        this.timeProvider = timeProvider;
        codec = new WebSocketChannelCodec(protocol);
        if (request.Stdin)
        {
            stdin = new Pipe();
            Stdin = stdin.Reader.AsStream();
        }

        Stdout = request.Stdout ? new ChannelWriteStream((data, ct) => SendAsync(RemoteCommandChannel.Stdout, data, ct)) : null;
        Stderr = request.HasStderrStream ? new ChannelWriteStream((data, ct) => SendAsync(RemoteCommandChannel.Stderr, data, ct)) : null;
        if (!request.Tty)
        {
            ResizeChannel.Writer.TryComplete();
        }

        _ = Task.Run(ReceiveLoopAsync);
    }

    protected override bool CanReportStatus => socket.State == WebSocketState.Open;

    protected override async Task CompleteCoreAsync(RemoteCommandStatus status, CancellationToken cancellationToken)
    {
        var encoded = status.Encode(Protocol);
        if (encoded.Length > 0)
        {
            await SendAsync(RemoteCommandChannel.Error, encoded, cancellationToken).ConfigureAwait(false);
        }

        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }

        // kubectl answers with its own close frame; wait for it so the connection ends cleanly, but not forever.
        using var timeout = new CancellationTokenSource(closeTimeout, timeProvider);
        await receiveDone.Task.WaitAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    protected override ValueTask DisposeCoreAsync()
    {
        lifetime.Cancel();
        if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            socket.Abort();
        }

        socket.Dispose();
        lifetime.Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask SendAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            do
            {
                var chunk = data[..Math.Min(data.Length, MaxOutputMessage)];
                data = data[chunk.Length..];
                await socket.SendAsync(codec.Encode(channel, chunk.Span), codec.MessageType, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            while (!data.IsEmpty);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var message = new ArrayBufferWriter<byte>();
        var decoder = new TerminalSizeDecoder();
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), lifetime.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer.AsSpan(0, result.Count));
                    if (message.WrittenCount > MaxMessageSize)
                    {
                        throw new InvalidDataException($"A WebSocket message exceeds {MaxMessageSize} bytes.");
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == codec.MessageType)
                {
                    await DispatchAsync(codec.Decode(message.WrittenSpan), decoder).ConfigureAwait(false);
                }
                else
                {
                    RemoteCommandLog.IgnoredChannel(Logger, -1, message.WrittenCount);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException or IOException)
        {
            RemoteCommandLog.CompleteFailed(Logger, ex);
        }
        finally
        {
            CloseStdin();
            ResizeChannel.Writer.TryComplete();
            receiveDone.TrySetResult();
        }
    }

    private async ValueTask DispatchAsync(WebSocketChannelFrame frame, TerminalSizeDecoder decoder)
    {
        switch (frame.Channel)
        {
            case RemoteCommandChannel.Stdin when stdin is not null && !stdinClosed:
                await stdin.Writer.WriteAsync(frame.Data, lifetime.Token).ConfigureAwait(false);
                break;
            case RemoteCommandChannel.Resize when Request.Tty:
                foreach (var size in decoder.Feed(frame.Data.Span))
                {
                    ResizeChannel.Writer.TryWrite(size);
                }

                break;
            case RemoteCommandChannel.Close when codec.SupportsCloseSignal && frame.Data.Length > 0:
                if (frame.Data.Span[0] == RemoteCommandChannel.Stdin)
                {
                    CloseStdin();
                }
                else if (frame.Data.Span[0] == RemoteCommandChannel.Resize)
                {
                    ResizeChannel.Writer.TryComplete();
                }

                break;
            default:
                RemoteCommandLog.IgnoredChannel(Logger, frame.Channel, frame.Data.Length);
                break;
        }
    }

    private void CloseStdin()
    {
        if (stdin is not null && !stdinClosed)
        {
            stdinClosed = true;
            stdin.Writer.Complete();
        }
    }
}
