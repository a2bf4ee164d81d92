using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>The send side: SYN_REPLY, HEADERS, DATA with flow control, and half-close.</summary>
public sealed partial class SpdyStream
{
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
