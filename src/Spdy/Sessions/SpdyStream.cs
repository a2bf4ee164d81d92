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

    /// <summary>Accepts a stream the peer opened by sending SYN_REPLY (Kubernetes peers use empty headers).</summary>
    public async ValueTask ReplyAsync(SpdyHeaders? headers = null, bool fin = false, CancellationToken cancellationToken = default)
    {
        headers ??= new SpdyHeaders();
        SpdyHeaderRules.EnsureSendable(headers, isReply: true);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendReplyCoreAsync(headers, fin).ConfigureAwait(false);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Sends a HEADERS frame on the stream.</summary>
    public async ValueTask SendHeadersAsync(SpdyHeaders headers, bool fin = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        SpdyHeaderRules.EnsureSendable(headers, isReply: true);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureRepliedAsync().ConfigureAwait(false);
            ThrowIfNotWritable();
            if (fin)
            {
                MarkLocalClosed();
            }

            await session.SendAsync(new HeadersFrame(Id, fin, headers)).ConfigureAwait(false);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Writes <paramref name="data"/>, split into DATA frames; with <paramref name="fin"/> the last one
    /// half-closes this side. Returns when the frames have been handed to the connection.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken = default)
    {
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureRepliedAsync().ConfigureAwait(false);
            do
            {
                var wanted = Math.Min(data.Length, session.Options.MaxDataFrameSize);
                var granted = wanted == 0 ? 0 : await session.AcquireSendCreditAsync(this, wanted, cancellationToken).ConfigureAwait(false);
                if (wanted == 0)
                {
                    ThrowIfNotWritable();
                }

                var chunk = data[..granted];
                data = data[granted..];
                var last = fin && data.IsEmpty;
                if (last)
                {
                    MarkLocalClosed();
                }

                await session.SendAsync(new DataFrame(Id, last, chunk)).ConfigureAwait(false);
            }
            while (!data.IsEmpty);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Writes <paramref name="data"/> without half-closing.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(data, fin: false, cancellationToken);

    /// <summary>Half-closes this side with an empty DATA frame carrying FIN (what kubectl does to end stdin).
    /// Does nothing if this side is already closed.</summary>
    public async ValueTask CompleteWritesAsync(CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            if (localClosed || resetStatus is not null || abortError is not null)
            {
                return;
            }
        }

        await WriteAsync(ReadOnlyMemory<byte>.Empty, fin: true, cancellationToken).ConfigureAwait(false);
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
        WakeReaders();
        return true;
    }

    private async ValueTask EnsureRepliedAsync()
    {
        if (!IsLocallyInitiated && !replySent)
        {
            await SendReplyCoreAsync(new SpdyHeaders(), fin: false).ConfigureAwait(false);
        }
    }

    private async ValueTask SendReplyCoreAsync(SpdyHeaders headers, bool fin)
    {
        if (IsLocallyInitiated)
        {
            throw new InvalidOperationException($"Stream {Id} was opened by this side; only the peer replies to it.");
        }

        if (replySent)
        {
            throw new InvalidOperationException($"Stream {Id} has already been replied to.");
        }

        ThrowIfNotWritable();
        replySent = true;
        if (fin)
        {
            MarkLocalClosed();
        }

        await session.SendAsync(new SynReplyFrame(Id, fin, headers)).ConfigureAwait(false);
    }
}
