using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>
/// One SPDY stream: a duplex byte channel with its own headers. Reads return 0 once the peer half-closed (FIN) or
/// reset the stream (see <see cref="ResetStatus"/>); they throw <see cref="IOException"/> if the connection ended
/// first. Writes wait for flow-control credit when the session enforces it. One reader and one writer at a time.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A stream is SPDY's own term for it.")]
public sealed partial class SpdyStream : IAsyncDisposable
{
    private readonly SpdySession session;
    private readonly Lock sync = new();
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly TaskCompletionSource<SpdyHeaders> reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool localClosed;
    private bool replySent;
    private int windowConsumed;

    internal SpdyStream(SpdySession session, int id, bool locallyInitiated, SpdyHeaders headers, int bufferLimit)
    {
        this.session = session;
        Id = id;
        IsLocallyInitiated = locallyInitiated;
        Headers = headers;
        this.bufferLimit = bufferLimit;
    }

    /// <summary>The stream id: odd for streams clients open, even for streams servers open.</summary>
    public int Id { get; }

    /// <summary>True if this side opened the stream.</summary>
    public bool IsLocallyInitiated { get; }

    /// <summary>The SYN_STREAM headers (sent by whichever side opened the stream).</summary>
    public SpdyHeaders Headers { get; }

    /// <summary>Headers that arrived later in HEADERS frames, merged.</summary>
    public SpdyHeaders ExtraHeaders { get; } = new();

    /// <summary>The RST_STREAM status that ended the stream (from either side), or null.</summary>
    public SpdyStreamStatus? ResetStatus
    {
        get
        {
            lock (sync)
            {
                return resetStatus;
            }
        }
    }

    /// <summary>The session this stream belongs to.</summary>
    public SpdySession Session => session;

    internal long SendWindow { get; set; }

    internal bool HasReply => reply.Task.IsCompletedSuccessfully;

    /// <summary>Waits for the peer's SYN_REPLY to a stream this side opened.</summary>
    /// <exception cref="SpdyStreamResetException">The peer reset or refused the stream.</exception>
    public Task<SpdyHeaders> WaitForReplyAsync(CancellationToken cancellationToken = default)
    {
        if (!IsLocallyInitiated)
        {
            throw new InvalidOperationException($"Stream {Id} was opened by the peer; it is this side that replies (ReplyAsync).");
        }

        return reply.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Aborts the stream with RST_STREAM; pending and later reads return 0. Does nothing if already closed.</summary>
    public ValueTask ResetAsync(SpdyStreamStatus status = SpdyStreamStatus.Cancel)
    {
        lock (sync)
        {
            if (!ResetLocallyCore(status))
            {
                return ValueTask.CompletedTask;
            }
        }

        session.WakeWindowWaiters();
        return session.SendResetAsync(this, status);
    }

    /// <summary>A <see cref="System.IO.Stream"/> view: reads and writes go to this stream; disposing it half-closes
    /// this side (FIN) if still open.</summary>
    public Stream AsStream() => new SpdyStreamAdapter(this);

    /// <summary>Resets the stream (CANCEL) unless it already finished in both directions.</summary>
    public async ValueTask DisposeAsync()
    {
        bool finished;
        lock (sync)
        {
            finished = (localClosed && remoteFin) || resetStatus is not null || abortError is not null;
        }

        if (!finished)
        {
            try
            {
                await ResetAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The session ended: nothing left to reset.
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"SPDY stream {Id}";

    internal void InitializeSendWindow(int window) => SendWindow = window;

    internal void MarkLocalClosed()
    {
        bool closed;
        lock (sync)
        {
            localClosed = true;
            closed = remoteFin;
        }

        if (closed)
        {
            session.OnStreamClosed(this);
        }
    }

    internal void ThrowIfNotWritable()
    {
        lock (sync)
        {
            if (resetStatus is { } status)
            {
                throw new SpdyStreamResetException(Id, status, "the stream was reset");
            }

            if (abortError is not null)
            {
                throw new IOException(abortError.Message, abortError);
            }

            if (localClosed)
            {
                throw new InvalidOperationException($"SPDY stream {Id} is already half-closed on this side (FIN sent); it cannot be written.");
            }
        }
    }

    /// <summary>Counts consumed bytes (under the session gate) and returns a WINDOW_UPDATE delta once it passes
    /// <paramref name="threshold"/> while the peer may still send, else 0.</summary>
    internal int TakeWindowUpdate(int consumed, int threshold)
    {
        windowConsumed += consumed;
        lock (sync)
        {
            if (remoteFin || resetStatus is not null || windowConsumed < threshold)
            {
                return 0;
            }
        }

        var delta = windowConsumed;
        windowConsumed = 0;
        return delta;
    }

    internal void OnReply(SpdyHeaders headers, bool fin)
    {
        if (!IsLocallyInitiated || !reply.TrySetResult(headers))
        {
            if (ResetLocally(SpdyStreamStatus.StreamInUse))
            {
                session.EnqueueReset(this, SpdyStreamStatus.StreamInUse);
            }

            return;
        }

        if (fin)
        {
            OnRemoteFin();
        }
    }

    internal void OnHeaders(SpdyHeaders headers, bool fin)
    {
        foreach (var (name, value) in headers)
        {
            ExtraHeaders.Add(name, value);
        }

        if (fin)
        {
            OnRemoteFin();
        }
    }

    /// <summary>Marks the stream reset by this side during session close (under the session gate); true if an
    /// RST_STREAM must be sent.</summary>
    internal bool ResetLocally(SpdyStreamStatus status)
    {
        lock (sync)
        {
            return ResetLocallyCore(status);
        }
    }

    private bool ResetLocallyCore(SpdyStreamStatus status)
    {
        if ((localClosed && remoteFin) || resetStatus is not null || abortError is not null)
        {
            return false;
        }

        resetStatus = status;
        localClosed = true;
        reply.TrySetException(new SpdyStreamResetException(Id, status, "the stream was reset locally"));

        // A read loop paused on this stream's full buffer must not wait for a reader that is gone.
        spaceSignal?.TrySetResult();
        spaceSignal = null;
        WakeReaders();
        return true;
    }
}
