using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Namespaces;

/// <summary>
/// What the namespace registry, the namespace controller and the service-account controller do together: a new
/// namespace gets the <c>default</c> ServiceAccount; deleting a namespace marks it Terminating, deletes everything in
/// it (bound pods still terminate gracefully), and removes the namespace once nothing is left, dropping its
/// <c>kubernetes</c> finalizer (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/).
/// </summary>
internal sealed class NamespaceLifecycle
{
    private const string KubernetesFinalizer = "kubernetes";
    private readonly ResourceService _service;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _purging = new(StringComparer.Ordinal);

    public NamespaceLifecycle(ResourceService service)
    {
        _service = service;
    }

    private ResourceType NamespaceType => _service.Registry.Get("", "namespaces");

    /// <summary>Whether a namespace exists and whether it is being deleted.</summary>
    public (bool Exists, bool Terminating) State(string ns)
    {
        var stored = _service.Store.Get(NamespaceType, null, ns);
        if (stored is null)
        {
            return (false, false);
        }

        return (true, Meta.DeletionTimestamp(stored.ToJson()) is not null);
    }

    public async Task AfterCreateAsync(JsonObject ns, CancellationToken cancellationToken)
    {
        var accounts = _service.Registry.Find("", "v1", "serviceaccounts");
        var name = Meta.Name(ns)!;
        if (accounts is null || _service.Find(accounts, name, "default") is not null)
        {
            return;
        }

        var account = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = name } };
        try
        {
            await _service.CreateAsync(accounts, name, account, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
        }
        catch (Errors.ApiException e) when (e.Code == 409)
        {
            // Created concurrently.
        }
    }

    public DeleteResult BeginTermination(StoredObject current, JsonObject obj, DeleteOptions options)
    {
        var name = current.Name;
        if (options.DryRun)
        {
            return new DeleteResult(current, false);
        }

        if (Meta.DeletionTimestamp(obj) is null)
        {
            Meta.Of(obj)["deletionTimestamp"] = _service.Context.Timestamp();
            Meta.Of(obj)["deletionGracePeriodSeconds"] = 0;
            Serialization.KubeJson.GetOrAddObject(obj, "status")["phase"] = "Terminating";
            current = _service.Store.TryReplace(NamespaceType, current, obj) ?? _service.Get(NamespaceType, null, name);
        }

        _purging.TryAdd(name, 0);
        try
        {
            Purge(name);
        }
        finally
        {
            _purging.TryRemove(name, out _);
        }

        var finalized = TryFinalize(name);
        return new DeleteResult(finalized ?? _service.Find(NamespaceType, null, name) ?? current, finalized is not null);
    }

    private void Purge(string name)
    {
        foreach (var type in _service.Registry.All.Where(t => t.Namespaced && t.Handler is null))
        {
            foreach (var item in _service.Store.Snapshot(type).Items.Values.Where(o => o.Namespace == name))
            {
                try
                {
                    _service.Delete(type, name, item.Name, new DeleteOptions { PropagationPolicy = "Background" });
                }
                catch (Errors.ApiException e) when (e.Code is 404 or 409)
                {
                    // Gone or changing concurrently; the last removal finalizes the namespace.
                }
            }
        }
    }

    /// <summary>After an object in <paramref name="ns"/> left the store: finalizes the namespace if it is terminating and now empty.</summary>
    public void ContentRemoved(string ns)
    {
        if (!_purging.ContainsKey(ns) && State(ns).Terminating)
        {
            TryFinalize(ns);
        }
    }

    private StoredObject? TryFinalize(string ns)
    {
        foreach (var type in _service.Registry.All.Where(t => t.Namespaced && t.Handler is null))
        {
            if (_service.Store.Snapshot(type).Items.Values.Any(o => o.Namespace == ns))
            {
                return null;
            }
        }

        while (_service.Store.Get(NamespaceType, null, ns) is { } current)
        {
            var obj = current.ToJson();
            if (Serialization.KubeJson.GetOrAddObject(obj, "spec")["finalizers"] is JsonArray finalizers)
            {
                foreach (var f in finalizers.Where(f => f?.GetValue<string>() == KubernetesFinalizer).ToList())
                {
                    finalizers.Remove(f);
                }
            }

            if (Meta.Finalizers(obj).Count > 0)
            {
                if (_service.Store.TryReplace(NamespaceType, current, obj) is not null)
                {
                    return null;
                }

                continue;
            }

            if (_service.Store.TryDelete(NamespaceType, current, obj) is { } deleted)
            {
                return deleted;
            }
        }

        return null;
    }
}
