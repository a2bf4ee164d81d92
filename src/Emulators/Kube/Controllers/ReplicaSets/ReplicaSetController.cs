using System.Text.Json.Nodes;

using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.ReplicaSets;

/// <summary>
/// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps <c>spec.replicas</c> active pods from the
/// template (adopting matching orphans, releasing pods that stopped matching), creates pods named
/// <c>&lt;replicaset&gt;-&lt;random&gt;</c> with a controller reference, deletes the surplus in the order the real controller
/// ranks pods, and reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas and observedGeneration.
/// </summary>
public sealed partial class ReplicaSetController : ControllerLoop<string>
{
    private const string Component = "replicaset-controller";
    private readonly ReplicaSetControllerOptions _options;
    private readonly EventRecorder _events;
    private readonly ResourceType _replicaSets;
    private readonly ResourceType _pods;

    public ReplicaSetController(ResourceService service, ControllerOptions options, EventRecorder events, TimeProvider time, ILogger<ReplicaSetController> logger)
        : base(Component, service, time, logger)
    {
        _options = options.ReplicaSets;
        _events = events;
        _replicaSets = service.Registry.Get("apps", "replicasets");
        _pods = service.Registry.Get("", "pods");
        Watch(_replicaSets);
        Watch(_pods);
    }

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _replicaSets))
        {
            Queue.Add(change.Object.Key);
            return;
        }

        var pod = change.Object;
        if (OwnerRef.ControllerOf(pod) is { Kind: "ReplicaSet" } owner)
        {
            Queue.Add($"{pod.Namespace}/{owner.Name}");
        }
        else if (change.Type != WatchEventType.Deleted)
        {
            // An orphan: every ReplicaSet whose selector matches may adopt it.
            foreach (var rs in Service.List(_replicaSets, pod.Namespace, ListOptions.Everything).Items)
            {
                if (Typed.Selector(Typed.Read<V1ReplicaSet>(rs).Spec.Selector).Matches(pod.Labels))
                {
                    Queue.Add(rs.Key);
                }
            }
        }

        if (change.Previous is { } previous && OwnerRef.ControllerOf(previous) is { Kind: "ReplicaSet" } before)
        {
            Queue.Add($"{previous.Namespace}/{before.Name}");
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (Service.Find(_replicaSets, key[..slash], key[(slash + 1)..]) is not { } stored)
        {
            return;
        }

        var rs = Typed.Read<V1ReplicaSet>(stored);
        var selector = Typed.Selector(rs.Spec.Selector);
        var all = Service.List(_pods, rs.Metadata.NamespaceProperty, ListOptions.Everything).Items.Select(Typed.Read<V1Pod>).ToList();
        var claimed = await OwnerReferences.ClaimAsync(Service, _pods, rs, selector, all.Where(PodStates.IsActive), cancellationToken).ConfigureAwait(false);
        Exception? manageError = null;
        if (rs.Metadata.DeletionTimestamp is null)
        {
            try
            {
                await ManageReplicasAsync(stored, rs, claimed, all, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                manageError = e;
            }
        }

        await UpdateStatusAsync(rs, claimed, manageError, cancellationToken).ConfigureAwait(false);
        if (manageError is not null)
        {
            throw manageError;
        }

        var minReady = rs.Spec.MinReadySeconds ?? 0;
        var next = claimed.Select(p => PodStates.AvailableAt(p, minReady, Now)).Where(t => t is not null).Min();
        if (next is { } at)
        {
            Queue.AddAt(key, at);
        }
    }

    private async Task ManageReplicasAsync(StoredObject stored, V1ReplicaSet rs, List<V1Pod> claimed, List<V1Pod> all, CancellationToken cancellationToken)
    {
        var diff = claimed.Count - (rs.Spec.Replicas ?? 1);
        if (diff < 0)
        {
            var template = (stored.ToJson()["spec"] as JsonObject)?["template"] as JsonObject ?? [];
            for (var i = 0; i < Math.Min(-diff, _options.BurstReplicas); i++)
            {
                await CreatePodAsync(rs, template, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (diff > 0)
        {
            var related = RelatedPods(rs, all);
            foreach (var pod in PodDeletionOrder.PickForDeletion(claimed, related, Math.Min(diff, _options.BurstReplicas), Now))
            {
                await DeletePodAsync(rs, pod, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CreatePodAsync(V1ReplicaSet rs, JsonObject template, CancellationToken cancellationToken)
    {
        WriteResult created;
        try
        {
            created = await Service.CreateAsync(_pods, rs.Metadata.NamespaceProperty, PodTemplates.NewPod(template, rs), WriteOptions.Default, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await _events.RecordAsync(Component, rs, EventRecorder.Warning, "FailedCreate", $"Error creating: {e.Message}", cancellationToken).ConfigureAwait(false);
            throw;
        }

        await _events.RecordAsync(Component, rs, EventRecorder.Normal, "SuccessfulCreate", $"Created pod: {created.Object.Name}", cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task DeletePodAsync(V1ReplicaSet rs, V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await Service.DeleteAsync(_pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, new DeleteOptions { PreconditionUid = pod.Metadata.Uid }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return;
        }
        catch (ApiException e)
        {
            await _events.RecordAsync(Component, rs, EventRecorder.Warning, "FailedDelete", $"Error deleting: {e.Message}", cancellationToken).ConfigureAwait(false);
            throw;
        }

        await _events.RecordAsync(Component, rs, EventRecorder.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>getIndirectlyRelatedPods: the active pods of every ReplicaSet with the same controller (the Deployment's family).</summary>
    private List<V1Pod> RelatedPods(V1ReplicaSet rs, List<V1Pod> all)
    {
        var family = new HashSet<string>(StringComparer.Ordinal) { rs.Metadata.Uid };
        if (OwnerReferences.ControllerOf(rs.Metadata)?.Uid is { } parent)
        {
            foreach (var sibling in Service.List(_replicaSets, rs.Metadata.NamespaceProperty, ListOptions.Everything).Items.Select(Typed.Read<V1ReplicaSet>))
            {
                if (OwnerReferences.IsControlledBy(sibling.Metadata, parent))
                {
                    family.Add(sibling.Metadata.Uid);
                }
            }
        }

        return [.. all.Where(p => OwnerReferences.ControllerOf(p.Metadata)?.Uid is { } uid && family.Contains(uid))];
    }
}
