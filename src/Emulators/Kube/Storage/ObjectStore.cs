using System.Collections.Concurrent;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// The in-memory object store: one collection per resource type, one global monotonically increasing resourceVersion
/// (like etcd's revision), optimistic commits and change feeds. It keeps objects; it does not know API semantics
/// (those live in <see cref="Objects.ResourceService"/>, which every write should go through).
/// </summary>
public sealed class ObjectStore
{
    private readonly ConcurrentDictionary<ResourceType, ResourceCollection> _collections = new();
    private readonly ObjectStoreOptions _options;
    private long _resourceVersion = 1;
    private long _compactedThrough;

    public ObjectStore(ObjectStoreOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>The newest resourceVersion handed out by any collection.</summary>
    public long CurrentResourceVersion => Interlocked.Read(ref _resourceVersion);

    public ObjectStoreOptions Options => _options;

    public StoredObject? Get(ResourceType type, string? ns, string name) =>
        Collection(type).Snapshot.Items.GetValueOrDefault(ObjectKey.Of(ns, name));

    /// <summary>Every object of a type, with the store's resourceVersion at that moment (a watch from it misses nothing).</summary>
    public CollectionSnapshot Snapshot(ResourceType type) => Collection(type).ConsistentSnapshot();

    /// <summary>The store's version with every write to <paramref name="type"/> at or below it already delivered to watchers.</summary>
    public long ConsistentResourceVersion(ResourceType type) => Collection(type).ConsistentSnapshot().ResourceVersion;

    /// <summary>How many watchers a type has (for tests and metrics).</summary>
    public int WatcherCount(ResourceType type) => Collection(type).WatcherCount;

    /// <summary>Stores a new object; throws AlreadyExists if the key is taken.</summary>
    public StoredObject Create(ResourceType type, JsonObject obj)
    {
        var (ns, name) = Identity(type, obj);
        return Collection(type).TryPut(ObjectKey.Of(ns, name), null, obj, Materializer(type, obj, ns, name))!;
    }

    /// <summary>Replaces <paramref name="current"/> with <paramref name="next"/>; null when <paramref name="current"/> is no longer current.</summary>
    public StoredObject? TryReplace(ResourceType type, StoredObject current, JsonObject next) =>
        Collection(type).TryPut(current.Key, current, next, Materializer(type, next, current.Namespace, current.Name));

    /// <summary>Removes <paramref name="current"/>; null when it is no longer current. Returns the final state at the deletion's version.</summary>
    public StoredObject? TryDelete(ResourceType type, StoredObject current, JsonObject finalState) =>
        Collection(type).TryRemove(current.Key, current, finalState, Materializer(type, finalState, current.Namespace, current.Name));

    /// <summary>
    /// Subscribes to a type's changes. <paramref name="fromResourceVersion"/> null means "start with every current object
    /// as ADDED"; a number means "changes after it" (throws 410 Expired when it is older than the window).
    /// </summary>
    public WatchSubscription Watch(ResourceType type, long? fromResourceVersion, string? ns = null, Func<StoredObject, bool>? predicate = null) =>
        Collection(type).Subscribe(fromResourceVersion, ns, predicate);

    /// <summary>
    /// Puts a saved object back with the resourceVersion it had (for a snapshot file): no watch event, and the store's
    /// version moves up to at least it. Restore before serving; allocations that strategies keep (ClusterIPs,
    /// NodePorts) are not re-learned here.
    /// </summary>
    public StoredObject Restore(ResourceType type, JsonObject obj)
    {
        var (ns, name) = Identity(type, obj);
        var rv = long.TryParse(KubeJson.GetString(obj, "metadata", "resourceVersion"), out var version) && version > 0
            ? version
            : throw new InvalidOperationException($"Cannot restore {type} {name}: it has no numeric metadata.resourceVersion.");
        var stored = Materializer(type, obj, ns, name)(rv, KubeJson.ToBytes(obj));
        long current;
        do
        {
            current = Interlocked.Read(ref _resourceVersion);
        }
        while (current < rv && Interlocked.CompareExchange(ref _resourceVersion, rv, current) != current);
        Collection(type).Restore(stored);
        return stored;
    }

    /// <summary>
    /// Ends a restore from a snapshot taken at <paramref name="resourceVersion"/>: new writes get higher versions, and
    /// watches from older versions get 410 Gone (the events between them and the snapshot are not kept), so informers relist.
    /// </summary>
    public void CompleteRestore(long resourceVersion)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _resourceVersion);
        }
        while (current < resourceVersion && Interlocked.CompareExchange(ref _resourceVersion, resourceVersion, current) != current);
        Interlocked.Exchange(ref _compactedThrough, resourceVersion);
        foreach (var collection in _collections.Values)
        {
            collection.CompactThrough(resourceVersion);
        }
    }

    /// <summary>Every stored object of every type that has been used (for a snapshot file).</summary>
    public IEnumerable<(ResourceType Type, StoredObject Object)> Export() =>
        _collections.Values.SelectMany(c => c.Snapshot.Items.Values.Select(o => (c.Type, o)));

    internal long NextResourceVersion() => Interlocked.Increment(ref _resourceVersion);

    private ResourceCollection Collection(ResourceType type) =>
        _collections.GetOrAdd(type, t =>
        {
            var collection = new ResourceCollection(this, t, _options.WatchWindow, _options.WatcherBuffer);
            collection.CompactThrough(Interlocked.Read(ref _compactedThrough));
            return collection;
        });

    private static (string? Namespace, string Name) Identity(ResourceType type, JsonObject obj)
    {
        var name = KubeJson.GetString(obj, "metadata", "name") ?? throw new InvalidOperationException("object has no metadata.name");
        var ns = type.Namespaced ? KubeJson.GetString(obj, "metadata", "namespace") : null;
        return (ns, name);
    }

    private static Func<long, byte[], StoredObject> Materializer(ResourceType type, JsonObject obj, string? ns, string name)
    {
        var labels = ReadLabels(obj);
        var fields = new Dictionary<string, string>(type.FieldSelectors.Count, StringComparer.Ordinal);
        foreach (var (field, extract) in type.FieldSelectors)
        {
            fields[field] = extract(obj) ?? "";
        }

        var uid = KubeJson.GetString(obj, "metadata", "uid") ?? "";
        return (rv, json) =>
        {
            KubeJson.GetOrAddObject(obj, "metadata")["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new StoredObject(ns, name, uid, rv, json, labels, fields);
        };
    }

    private static Dictionary<string, string> ReadLabels(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((obj["metadata"] as JsonObject)?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            }
        }

        return labels;
    }
}
