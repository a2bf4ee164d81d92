using System.Collections.Concurrent;

namespace OrleansEci.KubeletApi.Auth;

/// <summary>A small cache of answers that expire on the injected clock; a cap keeps a flood of distinct keys from growing it without bound.</summary>
internal sealed class TtlCache<TValue>(TimeProvider time, int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_entries.Count >= capacity)
        {
            foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(stale, out _);
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[key] = (value, now + ttl);
    }
}
