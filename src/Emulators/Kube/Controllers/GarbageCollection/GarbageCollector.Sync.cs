using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

public sealed partial class GarbageCollector
{
    /// <summary>attemptToDeleteItem: classify the owners (solid, dangling, waiting for dependents) and act.</summary>
    private async Task AttemptToDeleteAsync(GcItem item, CancellationToken cancellationToken)
    {
        if (Service.Find(item.Type, item.Namespace, item.Name) is not { } stored || stored.Uid != item.Uid)
        {
            return;
        }

        var obj = stored.ToJson();
        var finalizers = Meta.Finalizers(obj);
        if (Meta.DeletionTimestamp(obj) is not null)
        {
            if (finalizers.Contains(DeletionPropagation.ForegroundFinalizer))
            {
                await ProcessDeletingDependentsAsync(item, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var owners = OwnerRef.Of(stored);
        if (owners.Count == 0)
        {
            return;
        }

        var (solid, dangling, waiting) = Classify(owners, item.Namespace);
        if (solid.Count > 0)
        {
            if (dangling.Count + waiting.Count > 0)
            {
                await RemoveOwnerReferencesAsync(item, [.. dangling.Concat(waiting).Select(o => o.Uid)], cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var policy = waiting.Count > 0 && _graph.DependentsOf(item.Uid).Count > 0 ? DeletionPropagation.Foreground
            : finalizers.Contains(DeletionPropagation.OrphanFinalizer) ? DeletionPropagation.Orphan
            : finalizers.Contains(DeletionPropagation.ForegroundFinalizer) ? DeletionPropagation.Foreground
            : DeletionPropagation.Background;
        GarbageCollectorLog.Deleting(Logger, item, policy);
        await DeleteAsync(item, policy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>processDeletingDependentsItem: drop foregroundDeletion once no blocking dependent is left, else delete them.</summary>
    private async Task ProcessDeletingDependentsAsync(GcItem owner, CancellationToken cancellationToken)
    {
        var blocking = DependentsInStore(owner, r => r.BlockOwnerDeletion);

        if (blocking.Count == 0)
        {
            await RemoveFinalizerAsync(owner, DeletionPropagation.ForegroundFinalizer, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var dependent in blocking)
        {
            Queue.Add(dependent);
        }
    }

    /// <summary>orphanDependents, then the orphan finalizer comes off the owner.</summary>
    private async Task OrphanAsync(GcItem owner, CancellationToken cancellationToken)
    {
        if (Service.Find(owner.Type, owner.Namespace, owner.Name) is not { } stored || stored.Uid != owner.Uid
            || !Meta.Finalizers(stored.ToJson()).Contains(DeletionPropagation.OrphanFinalizer))
        {
            return;
        }

        foreach (var dependent in DependentsInStore(owner, _ => true))
        {
            await RemoveOwnerReferencesAsync(dependent, [owner.Uid], cancellationToken).ConfigureAwait(false);
        }

        await RemoveFinalizerAsync(owner, DeletionPropagation.OrphanFinalizer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The objects whose ownerReferences name <paramref name="owner"/> (and pass <paramref name="filter"/>), read from the
    /// store rather than the graph, so that a dependent whose watch event is still on its way is not missed.
    /// </summary>
    private List<GcItem> DependentsInStore(GcItem owner, Func<OwnerRef, bool> filter)
    {
        var found = new List<GcItem>();
        // A namespaced owner has dependents in its namespace only; a cluster-scoped one anywhere.
        foreach (var type in _registry.All.Where(t => t.Handler is null && (t.Namespaced || owner.Namespace is null)))
        {
            foreach (var stored in Service.Store.Snapshot(type).Items.Values.Where(o => owner.Namespace is null || o.Namespace == owner.Namespace))
            {
                if (OwnerRef.Of(stored).Any(r => r.Uid == owner.Uid && filter(r)))
                {
                    found.Add(new GcItem(GcAction.AttemptToDelete, type, stored.Namespace, stored.Name, stored.Uid));
                }
            }
        }

        return found;
    }

    private (List<OwnerRef> Solid, List<OwnerRef> Dangling, List<OwnerRef> Waiting) Classify(IReadOnlyList<OwnerRef> owners, string? ns)
    {
        var (solid, dangling, waiting) = (new List<OwnerRef>(), new List<OwnerRef>(), new List<OwnerRef>());
        foreach (var owner in owners)
        {
            if (_registry.FindByKind(owner.ApiVersion, owner.Kind) is not { } type)
            {
                // A kind this server does not serve cannot be looked up: leave the dependent alone, as the real collector does.
                solid.Add(owner);
                continue;
            }

            var found = Service.Find(type, type.Namespaced ? ns : null, owner.Name);
            if (found is null || found.Uid != owner.Uid)
            {
                dangling.Add(owner);
            }
            else if (found.ToJson() is var obj && Meta.DeletionTimestamp(obj) is not null && Meta.Finalizers(obj).Contains(DeletionPropagation.ForegroundFinalizer))
            {
                waiting.Add(owner);
            }
            else
            {
                solid.Add(owner);
            }
        }

        return (solid, dangling, waiting);
    }

    private async Task DeleteAsync(GcItem item, string policy, CancellationToken cancellationToken)
    {
        try
        {
            await Service.DeleteAsync(item.Type, item.Namespace, item.Name, new DeleteOptions { PropagationPolicy = policy, PreconditionUid = item.Uid }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone, or replaced by a new object of the same name.
        }
    }

    private async Task RemoveOwnerReferencesAsync(GcItem item, IReadOnlyCollection<string> ownerUids, CancellationToken cancellationToken)
    {
        await UpdateAsync(item, obj =>
        {
            if (Meta.Of(obj)["ownerReferences"] is not JsonArray refs)
            {
                return;
            }

            foreach (var gone in refs.OfType<JsonObject>().Where(r => ownerUids.Contains(KubeJson.GetString(r, "uid") ?? "")).ToList())
            {
                refs.Remove(gone);
            }

            if (refs.Count == 0)
            {
                Meta.Of(obj).Remove("ownerReferences");
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task RemoveFinalizerAsync(GcItem item, string finalizer, CancellationToken cancellationToken) =>
        UpdateAsync(item, obj => Meta.SetFinalizers(obj, Meta.Finalizers(obj).Where(f => f != finalizer)), cancellationToken);

    private async Task UpdateAsync(GcItem item, Action<JsonObject> change, CancellationToken cancellationToken)
    {
        try
        {
            await Service.UpdateWithAsync(item.Type, item.Namespace, item.Name, obj =>
            {
                if (Meta.Uid(obj) == item.Uid)
                {
                    change(obj);
                }

                return obj;
            }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Gone meanwhile.
        }
    }
}
