using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// Remembers each (AccessKeyId, SignatureNonce) until the request's timestamp could no longer be accepted,
/// after which a replay is refused by the timestamp check anyway. Lock-free on the hot path; expired entries are
/// swept at most once a minute by whichever caller notices.
/// </summary>
internal sealed class NonceCache(TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    /// <summary>True when the nonce was new (and is now remembered until <paramref name="forgetAfter"/>).</summary>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset forgetAfter)
    {
        SweepIfDue();
        return _seen.TryAdd(accessKeyId + "\n" + nonce, forgetAfter);
    }

    public void Clear() => _seen.Clear();

    private void SweepIfDue()
    {
        DateTimeOffset now = time.GetUtcNow();
        long last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < SweepEvery.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (KeyValuePair<string, DateTimeOffset> entry in _seen)
        {
            if (entry.Value < now)
            {
                _seen.TryRemove(entry);
            }
        }
    }
}
