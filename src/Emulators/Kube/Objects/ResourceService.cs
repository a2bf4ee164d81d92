using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>
/// The API semantics over the store, shared by the HTTP handlers and in-process controllers: create (generateName,
/// defaulting, admission, validation), update and patch (optimistic concurrency, status-subresource rules,
/// generation), delete (preconditions, graceful deletion, finalizers), list (selectors, pagination) and watch.
/// Controllers should write through here so that they see exactly what an HTTP client would.
/// </summary>
public sealed partial class ResourceService
{
    private readonly ObjectStore _store;
    private readonly ListSnapshots _snapshots;
    private readonly IAdmissionPlugin[] _admission;
    private readonly ILogger<ResourceService> _logger;
    private readonly Controllers.GarbageCollection.DeletionPropagation? _propagation;

    public ResourceService(ObjectStore store, ResourceRegistry registry, ListSnapshots snapshots, IEnumerable<IAdmissionPlugin> admission,
        TimeProvider time, Random random, ILogger<ResourceService> logger, Controllers.GarbageCollection.DeletionPropagation? propagation = null)
    {
        _propagation = propagation;
        _store = store;
        Registry = registry;
        _snapshots = snapshots;
        _admission = [.. admission];
        _logger = logger;
        Context = new StrategyContext(time, random, this);
        Namespaces = new Namespaces.NamespaceLifecycle(this);
    }

    /// <summary>Namespace termination: purging contents, then removing the namespace.</summary>
    internal Namespaces.NamespaceLifecycle Namespaces { get; }

    public ResourceRegistry Registry { get; }

    public ObjectStore Store => _store;

    public StrategyContext Context { get; }

    /// <summary>Reads one object; 404 NotFound when missing.</summary>
    public StoredObject Get(ResourceType type, string? ns, string name) =>
        _store.Get(type, Scope(type, ns), name) ?? throw ApiErrors.NotFound(type.GroupResource, name);

    public StoredObject? Find(ResourceType type, string? ns, string name) => _store.Get(type, Scope(type, ns), name);

    /// <summary>Lists objects in a namespace (null: all namespaces), filtered and paginated.</summary>
    public ListResult List(ResourceType type, string? ns, ListOptions options)
    {
        ns = Scope(type, ns);
        StoredObject[] items;
        long rv;
        var start = "";
        if (!string.IsNullOrEmpty(options.Continue))
        {
            var token = ContinueToken.Decode(options.Continue);
            start = token.Start;
            if (token.ResourceVersion < 0)
            {
                (items, rv) = Fresh(type);
            }
            else
            {
                items = _snapshots.Find(token.SnapshotId) ?? throw ContinueExpired(token);
                rv = token.ResourceVersion;
            }
        }
        else
        {
            CheckListResourceVersion(options, _store.CurrentResourceVersion);
            (items, rv) = Fresh(type);
        }

        return Page(items, rv, ns, start, options);
    }

    /// <summary>Starts a watch; see <see cref="ObjectStore.Watch"/> for <paramref name="fromResourceVersion"/>.</summary>
    public WatchSubscription Watch(ResourceType type, string? ns, long? fromResourceVersion, ListOptions options)
    {
        var labels = options.LabelSelector;
        var fields = options.FieldSelector;
        Func<StoredObject, bool>? predicate = labels.IsEverything && fields.IsEverything
            ? null
            : o => labels.Matches(o.Labels) && fields.Matches(o.Fields);
        return _store.Watch(type, fromResourceVersion, Scope(type, ns), predicate);
    }

    private static string? Scope(ResourceType type, string? ns) => type.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null;

    private (StoredObject[] Items, long ResourceVersion) Fresh(ResourceType type)
    {
        var snapshot = _store.Snapshot(type);
        return ([.. snapshot.Items.Values], snapshot.ResourceVersion);
    }

    private ListResult Page(StoredObject[] items, long rv, string? ns, string start, ListOptions options)
    {
        var page = new List<StoredObject>();
        var index = start.Length == 0 ? 0 : FirstAfter(items, start);
        for (; index < items.Length; index++)
        {
            var item = items[index];
            if ((ns is null || item.Namespace == ns) && options.LabelSelector.Matches(item.Labels) && options.FieldSelector.Matches(item.Fields))
            {
                if (options.Limit > 0 && page.Count == options.Limit)
                {
                    break;
                }

                page.Add(item);
            }
        }

        if (options.Limit <= 0 || index >= items.Length)
        {
            return new ListResult(page, rv, null, null);
        }

        var id = _snapshots.Keep(items, rv);
        var next = new ContinueToken(rv, page[^1].Key, id).Encode();
        var remaining = items.Length - index;
        return new ListResult(page, rv, next, options.LabelSelector.IsEverything && options.FieldSelector.IsEverything && ns is null ? remaining : null);
    }

    private static int FirstAfter(StoredObject[] items, string key)
    {
        int lo = 0, hi = items.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(items[mid].Key, key) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void CheckListResourceVersion(ListOptions options, long current)
    {
        if (string.IsNullOrEmpty(options.ResourceVersion) || options.ResourceVersion == "0")
        {
            return;
        }

        if (!long.TryParse(options.ResourceVersion, out var requested))
        {
            throw ApiErrors.BadRequest($"invalid resource version: {options.ResourceVersion}");
        }

        if (options.ResourceVersionMatch == "Exact" && requested != current)
        {
            throw ApiErrors.Expired("The resourceVersion for the provided list is too old.");
        }

        if (requested > current)
        {
            throw new ApiException(504, "Timeout", $"Timeout: Too large resource version: {requested}, current: {current}",
                new StatusDetails(null, null, null, [new StatusCause("ResourceVersionTooLarge", "", "Too large resource version")]) { RetryAfterSeconds = 1 });
        }
    }

    private static ApiException ContinueExpired(ContinueToken token) =>
        new(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
        {
            ListMetadata = new JsonObject { ["continue"] = (token with { ResourceVersion = -1 }).Encode() },
        };

    /// <summary>Drops fields the schema does not know (reporting them per fieldValidation); <paramref name="only"/> limits it to one top-level field.</summary>
    private static List<string> PruneUnknownFields(ResourceType type, JsonObject obj, WriteOptions options, string? only = null)
    {
        if (type.ModelType is null)
        {
            return [];
        }

        var unknown = only is null ? KnownFields.Prune(obj, type.ModelType) : KnownFields.PruneField(obj, type.ModelType, only);
        if (unknown.Count == 0)
        {
            return [];
        }

        if (options.FieldValidation == FieldValidationMode.Strict)
        {
            var fields = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
            throw ApiErrors.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
        }

        return options.FieldValidation == FieldValidationMode.Warn ? [.. unknown.Select(u => $"unknown field \"{u}\"")] : [];
    }
}
