using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>The read loop: decodes frames in arrival order and dispatches them without waiting for consumers.</summary>
public sealed partial class SpdySession
{
    private bool receivedFirstFrame;

    private async Task RunReaderAsync()
    {
        try
        {
            await ReadFramesAsync().ConfigureAwait(false);
        }
        finally
        {
            readerDone.TrySetResult();
        }
    }

    private async Task ReadFramesAsync()
    {
        try
        {
            while (await reader.ReadFrameAsync(lifetime.Token).ConfigureAwait(false) is { } frame)
            {
                if (!receivedFirstFrame)
                {
                    receivedFirstFrame = true;
                    if (!IsClient)
                    {
                        SendInitialFrames();
                    }
                }

                await DispatchAsync(frame).ConfigureAwait(false);
            }

            Terminate(null);
        }
        catch (SpdyProtocolException ex)
        {
            SpdySessionLog.ProtocolError(logger, ex.Message);
            lock (gate)
            {
                if (!goAwaySent && !terminated)
                {
                    goAwaySent = true;
                    EnqueueControl(new GoAwayFrame(lastRemoteStreamId, SpdyGoAwayStatus.ProtocolError));
                }
            }

            outbound.Writer.TryComplete();
            using var timeout = new CancellationTokenSource(options.CloseTimeout, timeProvider);
            await writerDone.Task.WaitAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            Terminate(ex);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            Terminate(null);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A connection we closed ourselves ends the read with one of these; Terminate ignores repeats.
            Terminate(closeTask is null ? new IOException("Reading from the SPDY connection failed: " + ex.Message, ex) : null);
        }
        catch (Exception ex)
        {
            // Anything else is a bug here; end the session loudly rather than leave it without a reader.
            Terminate(ex);
        }
    }

    private ValueTask DispatchAsync(SpdyFrame frame)
    {
        switch (frame)
        {
            case DataFrame data:
                return OnDataAsync(data);
            case SynStreamFrame syn:
                OnSynStream(syn);
                break;
            case SynReplyFrame reply:
                WithStream(reply.StreamId, s => s.OnReply(reply.Headers, reply.Fin), SpdyStreamStatus.InvalidStream);
                break;
            case HeadersFrame headers:
                WithStream(headers.StreamId, s => s.OnHeaders(headers.Headers, headers.Fin), SpdyStreamStatus.InvalidStream);
                break;
            case RstStreamFrame rst:
                WithStream(rst.StreamId, s => s.OnReset(rst.Status), null);
                break;
            case SettingsFrame settings:
                OnSettings(settings);
                break;
            case PingFrame ping:
                OnPing(ping);
                break;
            case GoAwayFrame goAway:
                OnGoAway(goAway);
                break;
            case WindowUpdateFrame update:
                OnWindowUpdate(update);
                break;
            case UnknownControlFrame unknown:
                SpdySessionLog.UnknownFrameIgnored(logger, unknown.Type, unknown.Length);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void OnSynStream(SynStreamFrame syn)
    {
        var peerParity = IsClient ? 0 : 1;
        if (syn.StreamId == 0 || (syn.StreamId & 1) != peerParity || syn.StreamId <= lastRemoteStreamId)
        {
            throw new SpdyProtocolException(
                $"The peer opened stream {syn.StreamId}; expected a new {(peerParity == 1 ? "odd" : "even")} id above {lastRemoteStreamId}.");
        }

        SpdyStream stream;
        lock (gate)
        {
            lastRemoteStreamId = syn.StreamId;
            if (goAwaySent || terminated || incomingCount >= options.MaxConcurrentStreams)
            {
                SpdySessionLog.StreamRefused(logger, syn.StreamId, incomingCount);
                EnqueueControl(new RstStreamFrame(syn.StreamId, SpdyStreamStatus.RefusedStream));
                return;
            }

            stream = new SpdyStream(this, syn.StreamId, locallyInitiated: false, syn.Headers, StreamBufferLimit);
            stream.InitializeSendWindow(peerInitialWindow);
            if (syn.Unidirectional)
            {
                stream.MarkLocalClosed();
            }

            streams.Add(stream.Id, stream);
            incomingCount++;
        }

        if (syn.Fin)
        {
            stream.OnRemoteFin();
        }

        incoming.Writer.TryWrite(stream);
    }

    private async ValueTask OnDataAsync(DataFrame data)
    {
        if (data.StreamId == 0)
        {
            throw new SpdyProtocolException("The peer sent DATA on stream 0.");
        }

        SpdyStream? stream;
        lock (gate)
        {
            streams.TryGetValue(data.StreamId, out stream);
        }

        if (stream is null || !await stream.OnDataAsync(data.Data, data.Fin).ConfigureAwait(false))
        {
            // Unknown, reset, or already half-closed by the peer: the bytes count as consumed for the session window.
            OnBytesConsumed(null, data.Data.Length);
            if (stream is null && NeverOpened(data.StreamId))
            {
                EnqueueControl(new RstStreamFrame(data.StreamId, SpdyStreamStatus.InvalidStream));
            }
        }
    }

    private bool NeverOpened(int streamId)
    {
        lock (gate)
        {
            var ours = (streamId & 1) == (IsClient ? 1 : 0);
            return ours ? streamId >= nextStreamId : streamId > lastRemoteStreamId;
        }
    }

    private void WithStream(int streamId, Action<SpdyStream> action, SpdyStreamStatus? statusIfUnknown)
    {
        SpdyStream? stream;
        lock (gate)
        {
            streams.TryGetValue(streamId, out stream);
        }

        if (stream is not null)
        {
            action(stream);
        }
        else if (statusIfUnknown is { } status && NeverOpened(streamId))
        {
            EnqueueControl(new RstStreamFrame(streamId, status));
        }
    }

    private void OnGoAway(GoAwayFrame goAway)
    {
        SpdySessionLog.GoAwayReceived(logger, goAway.LastGoodStreamId, goAway.Status);
        SpdyStream[] refused;
        lock (gate)
        {
            goAwayReceived = true;

            // Streams above last-good were not processed, unless the peer already replied (Go's spdystream sends
            // last-good = last received id - 2, so trusting only the number would kill a live stream).
            refused = [.. streams.Values.Where(s => s.IsLocallyInitiated && s.Id > goAway.LastGoodStreamId && !s.HasReply)];
        }

        foreach (var stream in refused)
        {
            stream.OnReset(SpdyStreamStatus.RefusedStream);
        }

        peerGoAway.TrySetResult();
        CloseIfPeerWentAwayAndIdle();
    }

    /// <summary>Called by a stream when both directions are finished or it was reset.</summary>
    internal void OnStreamClosed(SpdyStream stream)
    {
        lock (gate)
        {
            if (streams.Remove(stream.Id) && !stream.IsLocallyInitiated)
            {
                incomingCount--;
            }
        }

        CloseIfPeerWentAwayAndIdle();
    }

    /// <summary>Sends RST_STREAM for a stream the read loop reset (fire and forget).</summary>
    internal void EnqueueReset(SpdyStream stream, SpdyStreamStatus status)
    {
        OnStreamClosed(stream);
        WakeWindowWaiters();
        EnqueueControl(new RstStreamFrame(stream.Id, status));
    }

    /// <summary>Called by a stream that resets itself: sends RST_STREAM in order with its other frames.</summary>
    internal ValueTask SendResetAsync(SpdyStream stream, SpdyStreamStatus status)
    {
        OnStreamClosed(stream);
        return SendAsync(new RstStreamFrame(stream.Id, status));
    }
}
