using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>The receive side: a bounded buffer filled by the read loop and drained by <see cref="ReadAsync"/>.</summary>
public sealed partial class SpdyStream
{
    private readonly int bufferLimit;
    private readonly Queue<ReadOnlyMemory<byte>> segments = new();
    private int buffered;
    private int headOffset;
    private bool remoteFin;
    private SpdyStreamStatus? resetStatus;
    private Exception? abortError;
    private TaskCompletionSource dataSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? spaceSignal;

    /// <summary>Bytes received and not yet read (for tests and diagnostics).</summary>
    internal int BufferedByteCount
    {
        get
        {
            lock (sync)
            {
                return buffered;
            }
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes; 0 means the peer sent FIN or the stream was reset.</summary>
    /// <exception cref="IOException">The connection ended before the stream finished.</exception>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            Task signal;
            var count = 0;
            lock (sync)
            {
                if (segments.Count > 0)
                {
                    count = Dequeue(buffer.Span);
                }
                else if (remoteFin || resetStatus is not null)
                {
                    return 0;
                }
                else if (abortError is not null)
                {
                    throw new IOException(abortError.Message, abortError);
                }

                signal = dataSignal.Task;
            }

            if (count > 0)
            {
                session.OnBytesConsumed(this, count);
                return count;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Buffers data from the read loop. Returns false if the stream no longer accepts data. Waits only
    /// when a peer that ignores flow control overfills the buffer, which pushes back through TCP.</summary>
    internal async ValueTask<bool> OnDataAsync(ReadOnlyMemory<byte> data, bool fin)
    {
        if (!TryBuffer(data, fin, out var wait))
        {
            return false;
        }

        if (wait is not null)
        {
            SpdySessionLog.StreamBackpressure(session.Logger, Id, bufferLimit);
            await wait.ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The peer half-closed the stream (FIN on SYN_STREAM, SYN_REPLY or HEADERS).</summary>
    internal void OnRemoteFin() => TryBuffer(ReadOnlyMemory<byte>.Empty, fin: true, out _);

    private bool TryBuffer(ReadOnlyMemory<byte> data, bool fin, out Task? wait)
    {
        wait = null;
        bool closed;
        lock (sync)
        {
            if (remoteFin || resetStatus is not null || abortError is not null)
            {
                return false;
            }

            if (!data.IsEmpty)
            {
                segments.Enqueue(data);
                buffered += data.Length;
            }

            remoteFin = fin;
            closed = fin && localClosed;
            WakeReaders();
            if (buffered > bufferLimit && !fin)
            {
                spaceSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = spaceSignal.Task;
            }
        }

        if (closed)
        {
            session.OnStreamClosed(this);
        }

        return true;
    }

    /// <summary>The peer reset the stream. Data already received stays readable, then reads return 0, as in Go's
    /// spdystream: kubelet resets stdout right after its last bytes, and those bytes must not be lost.</summary>
    internal void OnReset(SpdyStreamStatus status)
    {
        lock (sync)
        {
            if (resetStatus is not null || abortError is not null)
            {
                return;
            }

            resetStatus = status;
            localClosed = true;
            spaceSignal?.TrySetResult();
            spaceSignal = null;
            WakeReaders();
        }

        reply.TrySetException(new SpdyStreamResetException(Id, status, "the peer reset the stream"));
        session.OnStreamClosed(this);
        session.WakeWindowWaiters();
    }

    internal void Abort(Exception error)
    {
        lock (sync)
        {
            if (abortError is not null)
            {
                return;
            }

            abortError = error;
            spaceSignal?.TrySetResult();
            WakeReaders();
        }

        reply.TrySetException(error);
    }

    private int Dequeue(Span<byte> destination)
    {
        var copied = 0;
        while (copied < destination.Length && segments.TryPeek(out var segment))
        {
            var count = Math.Min(segment.Length - headOffset, destination.Length - copied);
            segment.Span.Slice(headOffset, count).CopyTo(destination[copied..]);
            copied += count;
            headOffset += count;
            if (headOffset == segment.Length)
            {
                segments.Dequeue();
                headOffset = 0;
            }
        }

        buffered -= copied;
        if (buffered <= bufferLimit && spaceSignal is not null)
        {
            spaceSignal.TrySetResult();
            spaceSignal = null;
        }

        return copied;
    }

    private void WakeReaders()
    {
        var signal = dataSignal;
        dataSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.TrySetResult();
    }
}
