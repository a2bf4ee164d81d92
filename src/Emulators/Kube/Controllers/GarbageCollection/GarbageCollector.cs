using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

/// <summary>
/// The garbage collector (pkg/controller/garbagecollector/garbagecollector.go): watches every stored type; when an
/// object's owners are all gone it is deleted (background propagation, or as its own orphan/foregroundDeletion finalizer
/// says); an owner deleted with <c>propagationPolicy=Foreground</c> waits, with the foregroundDeletion finalizer, until
/// every dependent that blocks it (blockOwnerDeletion) is gone; an owner deleted with <c>Orphan</c> has its UID removed
/// from its dependents' ownerReferences before its orphan finalizer is dropped. Owners are always checked in the store,
/// so a dependent seen before its owner is never deleted by mistake.
/// </summary>
public sealed partial class GarbageCollector : ControllerLoop<GcItem>
{
    private readonly DependencyGraph _graph = new();
    private readonly ResourceRegistry _registry;

    public GarbageCollector(ResourceService service, TimeProvider time, ILogger<GarbageCollector> logger)
        : base("garbage-collector", service, time, logger)
    {
        _registry = service.Registry;
        foreach (var type in _registry.All.Where(t => t.Handler is null))
        {
            Watch(type);
        }
    }

    protected override void OnRelist(ResourceType type) => _graph.Clear(type);

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        var stored = change.Object;
        if (change.Type == WatchEventType.Deleted)
        {
            var (dependents, owners) = _graph.Remove(type, stored.Namespace, stored.Name, stored.Uid);
            foreach (var dependent in dependents)
            {
                Queue.Add(new GcItem(GcAction.AttemptToDelete, dependent.Type, dependent.Namespace, dependent.Name, dependent.Uid));
            }

            // An owner waiting for its dependents (foreground deletion) may be done now.
            foreach (var owner in owners)
            {
                EnqueueByUid(owner, stored.Namespace);
            }

            return;
        }

        var state = StoredMetadata.Read(stored);
        var unseen = _graph.Observe(type, stored.Namespace, stored.Name, stored.Uid, state.Owners);
        var self = new GcItem(GcAction.AttemptToDelete, type, stored.Namespace, stored.Name, stored.Uid);
        if (state.Deleting && state.Finalizers.Contains(DeletionPropagation.OrphanFinalizer))
        {
            Queue.Add(self with { Action = GcAction.AttemptToOrphan });
        }

        if (state.Deleting && state.Finalizers.Contains(DeletionPropagation.ForegroundFinalizer))
        {
            Queue.Add(self);
            foreach (var dependent in _graph.DependentsOf(stored.Uid))
            {
                Queue.Add(new GcItem(GcAction.AttemptToDelete, dependent.Type, dependent.Namespace, dependent.Name, dependent.Uid));
            }
        }

        if (unseen.Count > 0)
        {
            // An owner never seen alive: check it in the store (it may exist but not have been replayed yet).
            Queue.Add(self);
        }
    }

    protected override Task SyncAsync(GcItem item, CancellationToken cancellationToken) =>
        item.Action == GcAction.AttemptToOrphan ? OrphanAsync(item, cancellationToken) : AttemptToDeleteAsync(item, cancellationToken);

    private void EnqueueByUid(string uid, string? ns)
    {
        foreach (var type in _registry.All.Where(t => t.Handler is null))
        {
            var scope = type.Namespaced ? ns : null;
            foreach (var candidate in Service.Store.Snapshot(type).Items.Values)
            {
                if (candidate.Uid == uid && (!type.Namespaced || candidate.Namespace == scope))
                {
                    Queue.Add(new GcItem(GcAction.AttemptToDelete, type, candidate.Namespace, candidate.Name, uid));
                    return;
                }
            }
        }
    }
}
