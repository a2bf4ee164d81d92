using System.Threading.Channels;

using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>The writer loop: one task owns the socket's write side and the outbound zlib context.</summary>
public sealed partial class SpdySession
{
    private readonly Channel<Outbound> outbound;
    private readonly TaskCompletionSource writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int pendingControl;

    /// <summary>Queues a control frame (fire and forget). Callers that need ordering enqueue under <see cref="gate"/>.</summary>
    private void EnqueueControl(SpdyFrame frame)
    {
        if (Interlocked.Increment(ref pendingControl) > options.MaxPendingControlFrames)
        {
            Terminate(new SpdyProtocolException(
                $"More than {options.MaxPendingControlFrames} control frames are waiting for the connection; the peer is not reading."));
            return;
        }

        if (!outbound.Writer.TryWrite(new Outbound(frame, null)))
        {
            Interlocked.Decrement(ref pendingControl);
        }
    }

    /// <summary>Queues a frame and waits until it has been written and flushed.</summary>
    internal async ValueTask SendAsync(SpdyFrame frame)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!outbound.Writer.TryWrite(new Outbound(frame, done)))
        {
            throw SessionEnded();
        }

        await done.Task.ConfigureAwait(false);
    }

    private IOException SessionEnded() =>
        new("The SPDY session has ended" + (terminalError is null ? "." : ": " + terminalError.Message), terminalError);

    private async Task RunWriterAsync()
    {
        var written = new List<TaskCompletionSource>();
        try
        {
            while (await outbound.Reader.WaitToReadAsync(lifetime.Token).ConfigureAwait(false))
            {
                while (outbound.Reader.TryRead(out var item))
                {
                    if (item.Done is null)
                    {
                        Interlocked.Decrement(ref pendingControl);
                    }
                    else
                    {
                        written.Add(item.Done);
                    }

                    await writer.WriteFrameAsync(item.Frame, lifetime.Token).ConfigureAwait(false);
                }

                await writer.FlushAsync(lifetime.Token).ConfigureAwait(false);
                foreach (var done in written)
                {
                    done.TrySetResult();
                }

                written.Clear();
            }

            writerDone.TrySetResult();
        }
        catch (Exception ex)
        {
            outbound.Writer.TryComplete();
            var error = ex is OperationCanceledException ? SessionEnded() : ex;
            foreach (var done in written)
            {
                done.TrySetException(error);
            }

            while (outbound.Reader.TryRead(out var item))
            {
                item.Done?.TrySetException(error);
            }

            writerDone.TrySetResult();
            Terminate(ex is OperationCanceledException ? terminalError : new IOException("Writing to the SPDY connection failed: " + ex.Message, ex));
        }
    }

    private readonly record struct Outbound(SpdyFrame Frame, TaskCompletionSource? Done);
}
