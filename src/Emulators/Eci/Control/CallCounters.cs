using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Eci.Control;

/// <summary>Per-action call counters, read through <c>GET /_emulator/calls</c>. Lock-free increments.</summary>
internal sealed class CallCounters
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public Counter For(string action) => _counters.GetOrAdd(action, static _ => new Counter());

    public IReadOnlyDictionary<string, CallCounts> Snapshot() =>
        _counters.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.Read(), StringComparer.Ordinal);

    public void Clear() => _counters.Clear();

    /// <summary>One action's counts.</summary>
    internal sealed class Counter
    {
        private long _received;
        private long _succeeded;
        private long _throttled;
        private long _failed;
        private long _injected;

        public void Received() => Interlocked.Increment(ref _received);
        public void Succeeded() => Interlocked.Increment(ref _succeeded);
        public void Throttled() => Interlocked.Increment(ref _throttled);
        public void Failed() => Interlocked.Increment(ref _failed);
        public void Injected() => Interlocked.Increment(ref _injected);

        public CallCounts Read() => new(Interlocked.Read(ref _received), Interlocked.Read(ref _succeeded),
            Interlocked.Read(ref _throttled), Interlocked.Read(ref _failed), Interlocked.Read(ref _injected));
    }
}

/// <summary>Counts for one action. <c>Throttled</c> includes injected throttles; <c>Injected</c> counts every call a
/// fault rule touched (throttle, error, latency, timeout-after-success, schedule-failure).</summary>
internal sealed record CallCounts(long Received, long Succeeded, long Throttled, long Failed, long Injected);
