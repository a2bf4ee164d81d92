using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>Ending a session: graceful close, close after the peer's GOAWAY, and termination on errors.</summary>
public sealed partial class SpdySession
{
    /// <summary>Closes the session as the kubelet does: resets every stream not finished in both directions, sends
    /// GOAWAY, flushes what was queued, waits (at most <see cref="SpdySessionOptions.CloseTimeout"/>) for the peer to
    /// close its side unless it already sent GOAWAY, and closes the connection. Safe to call more than once.</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            closeTask ??= CloseCoreAsync(cancellationToken);
            return closeTask;
        }
    }

    /// <summary>Closes the session (see <see cref="CloseAsync"/>) without throwing.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            SpdySessionLog.CloseFailed(logger, ex);
        }
    }

    private async Task CloseCoreAsync(CancellationToken cancellationToken)
    {
        bool peerWentAway;
        lock (gate)
        {
            peerWentAway = goAwayReceived;
            if (!terminated)
            {
                foreach (var stream in streams.Values.ToArray())
                {
                    if (stream.ResetLocally(SpdyStreamStatus.Cancel))
                    {
                        EnqueueControl(new RstStreamFrame(stream.Id, SpdyStreamStatus.Cancel));
                    }
                }

                streams.Clear();
                if (!goAwaySent)
                {
                    goAwaySent = true;
                    EnqueueControl(new GoAwayFrame(lastRemoteStreamId, SpdyGoAwayStatus.Ok));
                }
            }
        }

        incoming.Writer.TryComplete();
        outbound.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(options.CloseTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await writerDone.Task.WaitAsync(linked.Token).ConfigureAwait(false);

            // Linger: keep reading until the peer closes or says GOAWAY. Closing a socket with unread bytes (say the
            // peer's last WINDOW_UPDATE) makes TCP send RST, and a RST makes the peer drop what it has not read yet -
            // our last frames. A peer that sent GOAWAY has nothing more to say (and may be lingering for ours).
            if (!peerWentAway)
            {
                await Task.WhenAny(readerDone.Task, peerGoAway.Task).WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            SpdySessionLog.CloseTimedOut(logger, options.CloseTimeout);
        }
        finally
        {
            Terminate(null);
        }
    }

    /// <summary>After the peer's GOAWAY, closes the connection once no stream is left (what spdystream and
    /// spdy-transport expect: GOAWAY is how they end a connection).</summary>
    private void CloseIfPeerWentAwayAndIdle()
    {
        lock (gate)
        {
            if (!goAwayReceived || streams.Count > 0 || closeTask is not null || terminated)
            {
                return;
            }
        }

        _ = CloseAsync().ContinueWith(
            t => SpdySessionLog.CloseFailed(logger, t.Exception!.GetBaseException()),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private void Terminate(Exception? error)
    {
        SpdyStream[] remaining;
        lock (gate)
        {
            if (terminated)
            {
                return;
            }

            terminated = true;
            terminalError = error;
            remaining = [.. streams.Values];
            streams.Clear();
            SignalWindows();
        }

        pingTimer?.Dispose();
        lifetime.Cancel();
        incoming.Writer.TryComplete();
        outbound.Writer.TryComplete();
        var ended = new IOException("The SPDY session ended before the stream finished" + (error is null ? "." : ": " + error.Message), error);
        foreach (var stream in remaining)
        {
            stream.Abort(ended);
        }

        FailPendingPings(ended);
        transport.Dispose();
        if (error is null)
        {
            completion.TrySetResult();
        }
        else
        {
            SpdySessionLog.SessionFailed(logger, error);
            completion.TrySetException(error);
        }
    }
}
