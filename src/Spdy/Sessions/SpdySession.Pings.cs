using System.Collections.Concurrent;

using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>PING: answering the peer's pings, measuring our own, and optional keep-alive pings.</summary>
public sealed partial class SpdySession
{
    private readonly ConcurrentDictionary<uint, TaskCompletionSource> pendingPings = new();
    private uint nextPingId;
    private uint keepAliveId;

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
        else
        {
            lock (gate)
            {
                if (ping.Id == keepAliveId)
                {
                    keepAliveId = 0;
                }
            }
        }
    }

    /// <summary>Sends a keep-alive PING unless the previous one is still unanswered, so a silent peer cannot make
    /// pings pile up. Its echo is matched in <see cref="OnPing"/>.</summary>
    private void SendKeepAlivePing()
    {
        uint id;
        lock (gate)
        {
            if (terminated || keepAliveId != 0)
            {
                return;
            }

            id = keepAliveId = nextPingId;
            nextPingId += 2;
        }

        EnqueueControl(new PingFrame(id));
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
