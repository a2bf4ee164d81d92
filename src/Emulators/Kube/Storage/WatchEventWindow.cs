namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// The last N events of one collection (a ring), so a watch can resume from a recent resourceVersion; older versions
/// get 410 Gone like a compacted etcd. Not thread-safe: used under the collection's commit lock.
/// </summary>
internal sealed class WatchEventWindow
{
    private readonly WatchEvent[] _ring;
    private int _start;
    private int _count;

    public WatchEventWindow(int capacity)
    {
        _ring = new WatchEvent[Math.Max(1, capacity)];
    }

    /// <summary>The version of the newest evicted event: watches must start at or after it.</summary>
    public long EvictedThrough { get; private set; }

    /// <summary>Treats every version up to <paramref name="resourceVersion"/> as compacted (after a snapshot restore, whose history is gone).</summary>
    public void CompactThrough(long resourceVersion) => EvictedThrough = Math.Max(EvictedThrough, resourceVersion);

    public void Append(WatchEvent e)
    {
        if (_count == _ring.Length)
        {
            EvictedThrough = _ring[_start].ResourceVersion;
            _ring[_start] = e;
            _start = (_start + 1) % _ring.Length;
            return;
        }

        _ring[(_start + _count) % _ring.Length] = e;
        _count++;
    }

    /// <summary>The oldest version still retained (for the 410 message), or the evicted bound when empty.</summary>
    public long OldestRetained => _count == 0 ? EvictedThrough : _ring[_start].ResourceVersion;

    /// <summary>Events with a version above <paramref name="resourceVersion"/>, oldest first.</summary>
    public List<WatchEvent> After(long resourceVersion)
    {
        var result = new List<WatchEvent>();
        for (var i = 0; i < _count; i++)
        {
            var e = _ring[(_start + i) % _ring.Length];
            if (e.ResourceVersion > resourceVersion)
            {
                result.Add(e);
            }
        }

        return result;
    }
}
