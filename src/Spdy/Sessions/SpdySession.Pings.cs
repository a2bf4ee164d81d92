using System.Collections.Concurrent;

using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>PING: answering the peer's pings, measuring our own, and optional keep-alive pings.</summary>
public sealed partial class SpdySession
{
    private readonly ConcurrentDictionary<uint, TaskCompletionSource> pendingPings = new();
    private uint nextPingId;

    /// <summary>Sends a PING and returns the round-trip time when the echo arrives.</summary>
    /// <exception cref="IOException">The session ended first.</exception>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        uint id;
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (terminated)
            {
                throw SessionEnded();
            }

            id = nextPingId;
            nextPingId += 2;
            pendingPings[id] = echoed;
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await SendAsync(new PingFrame(id)).ConfigureAwait(false);
            await echoed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return timeProvider.GetElapsedTime(started);
        }
        finally
        {
            pendingPings.TryRemove(id, out _);
        }
    }

    private void OnPing(PingFrame ping)
    {
        var ours = (ping.Id & 1) == (IsClient ? 1u : 0u);
        if (!ours)
        {
            // The peer's ping: echo it unchanged.
            EnqueueControl(ping);
        }
        else if (pendingPings.TryRemove(ping.Id, out var echoed))
        {
            echoed.TrySetResult();
        }
    }

    private void SendKeepAlivePing()
    {
        if (terminated)
        {
            return;
        }

        _ = PingAsync(lifetime.Token).ContinueWith(
            t => SpdySessionLog.KeepAlivePingFailed(logger, t.Exception?.GetBaseException().Message ?? "cancelled"),
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion,
            TaskScheduler.Default);
    }

    private void FailPendingPings(Exception error)
    {
        foreach (var id in pendingPings.Keys)
        {
            if (pendingPings.TryRemove(id, out var echoed))
            {
                echoed.TrySetException(error);
            }
        }
    }
}
