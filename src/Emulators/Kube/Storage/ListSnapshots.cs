using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// Keeps the sorted item arrays of paginated lists so that every page of one list comes from the same snapshot
/// (a consistent list, as etcd serves at the first page's revision) until the snapshot expires.
/// </summary>
public sealed class ListSnapshots
{
    private readonly ConcurrentDictionary<long, (StoredObject[] Items, long ResourceVersion, DateTimeOffset Created)> _snapshots = new();
    private readonly ConcurrentQueue<long> _order = new();
    private readonly TimeProvider _time;
    private readonly ObjectStoreOptions _options;
    private long _nextId;

    public ListSnapshots(TimeProvider time, ObjectStoreOptions options)
    {
        _time = time;
        _options = options;
    }

    public long Keep(StoredObject[] items, long resourceVersion)
    {
        var id = Interlocked.Increment(ref _nextId);
        _snapshots[id] = (items, resourceVersion, _time.GetUtcNow());
        _order.Enqueue(id);
        while (_snapshots.Count > _options.MaxListSnapshots && _order.TryDequeue(out var oldest))
        {
            _snapshots.TryRemove(oldest, out _);
        }

        return id;
    }

    /// <summary>The kept snapshot, or null when it expired or was evicted.</summary>
    public StoredObject[]? Find(long id)
    {
        if (!_snapshots.TryGetValue(id, out var entry))
        {
            return null;
        }

        if (_time.GetUtcNow() - entry.Created > _options.ContinueTokenLifetime)
        {
            _snapshots.TryRemove(id, out _);
            return null;
        }

        return entry.Items;
    }
}
