using System.Collections.Immutable;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// The objects of one resource type. Reads are lock-free (an immutable snapshot swapped on commit). A commit takes a
/// short per-collection lock that only checks the expected current version, stamps the next global resourceVersion
/// into bytes serialized beforehand, swaps the snapshot, records the event and hands it to watchers.
/// </summary>
internal sealed class ResourceCollection
{
    private readonly Lock _gate = new();
    private readonly ObjectStore _store;
    private readonly WatchEventWindow _window;
    private readonly int _watcherBuffer;
    private volatile CollectionSnapshot _snapshot;
    private volatile WatchSubscription[] _watchers = [];

    public ResourceCollection(ObjectStore store, ResourceType type, int windowSize, int watcherBuffer)
    {
        _store = store;
        Type = type;
        _window = new WatchEventWindow(windowSize);
        _watcherBuffer = watcherBuffer;
        _snapshot = new CollectionSnapshot(ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal), 0);
    }

    public ResourceType Type { get; }

    public CollectionSnapshot Snapshot => _snapshot;

    /// <summary>
    /// The objects with the store's current resourceVersion. Taken under the commit lock, so every write to this
    /// collection at or below that version is in the snapshot: a watch from it misses nothing (as a list's RV in etcd).
    /// </summary>
    public CollectionSnapshot ConsistentSnapshot()
    {
        lock (_gate)
        {
            return _snapshot with { ResourceVersion = _store.CurrentResourceVersion };
        }
    }

    public int WatcherCount => _watchers.Length;

    /// <summary>Commits a new or changed object if <paramref name="expected"/> is still current (null: must not exist).</summary>
    /// <returns>
    /// The stored version (<paramref name="expected"/> itself when nothing changed), or null when another writer got
    /// there first (re-read and retry).
    /// </returns>
    public StoredObject? TryPut(string key, StoredObject? expected, JsonObject obj, Func<long, byte[], StoredObject> materialize)
    {
        var serialized = VersionedJson.Serialize(obj);
        lock (_gate)
        {
            var current = _snapshot.Items.GetValueOrDefault(key);
            if (!ReferenceEquals(current, expected))
            {
                if (expected is null)
                {
                    throw ApiErrors.AlreadyExists(Type.GroupResource, key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]);
                }

                return null;
            }

            if (expected is not null && serialized.SameAs(expected.Json, expected.ResourceVersion))
            {
                return expected;
            }

            var rv = _store.NextResourceVersion();
            var stored = materialize(rv, serialized.WithVersion(rv));
            _snapshot = new CollectionSnapshot(_snapshot.Items.SetItem(key, stored), rv);
            Publish(new WatchEvent(expected is null ? WatchEventType.Added : WatchEventType.Modified, stored, expected));
            return stored;
        }
    }

    /// <summary>Removes <paramref name="expected"/> if still current; the DELETED event carries <paramref name="finalState"/> at a new version.</summary>
    public StoredObject? TryRemove(string key, StoredObject expected, JsonObject finalState, Func<long, byte[], StoredObject> materialize)
    {
        var serialized = VersionedJson.Serialize(finalState);
        lock (_gate)
        {
            if (!ReferenceEquals(_snapshot.Items.GetValueOrDefault(key), expected))
            {
                return null;
            }

            var rv = _store.NextResourceVersion();
            var stored = materialize(rv, serialized.WithVersion(rv));
            _snapshot = new CollectionSnapshot(_snapshot.Items.Remove(key), rv);
            Publish(new WatchEvent(WatchEventType.Deleted, stored, expected));
            return stored;
        }
    }

    /// <summary>Watches from versions below <paramref name="resourceVersion"/> get 410 Gone from now on.</summary>
    public void CompactThrough(long resourceVersion)
    {
        lock (_gate)
        {
            _window.CompactThrough(resourceVersion);
        }
    }

    /// <summary>Puts an object back as it was saved (snapshot restore): no event, its own resourceVersion.</summary>
    public void Restore(StoredObject stored)
    {
        lock (_gate)
        {
            _snapshot = new CollectionSnapshot(_snapshot.Items.SetItem(stored.Key, stored), Math.Max(_snapshot.ResourceVersion, stored.ResourceVersion));
        }
    }

    /// <summary>
    /// Starts a watch. <paramref name="fromResourceVersion"/> null: initial ADDED events for every current object, then
    /// changes; a number: only changes after it (410 when it is older than the window).
    /// </summary>
    public WatchSubscription Subscribe(long? fromResourceVersion, string? ns, Func<StoredObject, bool>? predicate)
    {
        lock (_gate)
        {
            var backlog = new List<WatchEvent>();
            IReadOnlyList<StoredObject> initial = [];
            var start = _store.CurrentResourceVersion;
            if (fromResourceVersion is { } from)
            {
                if (from < _window.EvictedThrough)
                {
                    throw ApiErrors.TooOldResourceVersion(from, _window.OldestRetained);
                }

                backlog = _window.After(from);
                start = from;
            }
            else
            {
                initial = [.. _snapshot.Items.Values];
            }

            var subscription = new WatchSubscription(ns, predicate, _watcherBuffer + backlog.Count, Unsubscribe)
            {
                InitialObjects = initial,
                StartResourceVersion = start,
            };
            foreach (var e in backlog)
            {
                if (subscription.Matches(e))
                {
                    subscription.TryDeliver(e);
                }
            }

            _watchers = [.. _watchers, subscription];
            return subscription;
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers = [.. _watchers.Where(w => !ReferenceEquals(w, subscription))];
        }
    }

    private void Publish(WatchEvent e)
    {
        _window.Append(e);
        var watchers = _watchers;
        List<WatchSubscription>? overflowed = null;
        foreach (var watcher in watchers)
        {
            if (watcher.Matches(e) && !watcher.TryDeliver(e))
            {
                (overflowed ??= []).Add(watcher);
            }
        }

        if (overflowed is not null)
        {
            foreach (var watcher in overflowed)
            {
                watcher.CloseOverflowed();
            }

            _watchers = [.. _watchers.Except(overflowed)];
        }
    }
}
