using System.Text.Json.Nodes;

using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

/// <summary>
/// The Deployment controller (pkg/controller/deployment): owns ReplicaSets named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>,
/// one per template revision; scales them for RollingUpdate (maxSurge/maxUnavailable) or Recreate, proportionally when the
/// Deployment is scaled mid-rollout; keeps the revision annotations; cleans up old ReplicaSets beyond
/// revisionHistoryLimit; and reports replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas,
/// observedGeneration and the Available/Progressing conditions that <c>kubectl rollout status</c> reads.
/// </summary>
public sealed partial class DeploymentController : ControllerLoop<string>
{
    private const string Component = "deployment-controller";
    private readonly EventRecorder _events;
    private readonly ResourceType _deployments;
    private readonly ResourceType _replicaSets;
    private readonly ResourceType _pods;

    public DeploymentController(ResourceService service, EventRecorder events, TimeProvider time, ILogger<DeploymentController> logger)
        : base(Component, service, time, logger)
    {
        _events = events;
        _deployments = service.Registry.Get("apps", "deployments");
        _replicaSets = service.Registry.Get("apps", "replicasets");
        _pods = service.Registry.Get("", "pods");
        Watch(_deployments);
        Watch(_replicaSets);
        Watch(_pods);
    }

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _deployments))
        {
            Queue.Add(change.Object.Key);
        }
        else if (ReferenceEquals(type, _replicaSets))
        {
            OnReplicaSetEvent(change);
        }
        else if (change.Type == WatchEventType.Deleted && OwnerRef.ControllerOf(change.Object) is { Kind: "ReplicaSet" } owner
            && Service.Find(_replicaSets, change.Object.Namespace, owner.Name) is { } rs && OwnerRef.ControllerOf(rs) is { Kind: "Deployment" } deployment)
        {
            // A Recreate rollout waits for the old pods to be gone.
            Queue.Add($"{rs.Namespace}/{deployment.Name}");
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (Service.Find(_deployments, key[..slash], key[(slash + 1)..]) is not { } stored)
        {
            return;
        }

        var d = Typed.Read<V1Deployment>(stored);
        var sets = await ClaimReplicaSetsAsync(d, cancellationToken).ConfigureAwait(false);
        if (d.Metadata.DeletionTimestamp is not null)
        {
            var deleting = await ReplicaSetsAndSyncRevisionAsync(d, sets, create: false, cancellationToken).ConfigureAwait(false);
            await SyncStatusAsync(d, deleting, cancellationToken).ConfigureAwait(false);
            return;
        }

        d = await CheckPausedConditionsAsync(d, cancellationToken).ConfigureAwait(false);
        if (d.Spec.Paused == true || await IsScalingEventAsync(d, sets, cancellationToken).ConfigureAwait(false))
        {
            await ScaleOnlyAsync(d, sets, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (DeploymentUtil.IsRollingUpdate(d))
        {
            await RolloutRollingAsync(d, sets, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RolloutRecreateAsync(d, sets, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnReplicaSetEvent(WatchEvent change)
    {
        var rs = change.Object;
        if (OwnerRef.ControllerOf(rs) is { Kind: "Deployment" } owner)
        {
            Queue.Add($"{rs.Namespace}/{owner.Name}");
        }
        else if (change.Type != WatchEventType.Deleted)
        {
            foreach (var d in Service.List(_deployments, rs.Namespace, ListOptions.Everything).Items)
            {
                if (Typed.Selector(Typed.Read<V1Deployment>(d).Spec.Selector).Matches(rs.Labels))
                {
                    Queue.Add(d.Key);
                }
            }
        }

        if (change.Previous is { } previous && OwnerRef.ControllerOf(previous) is { Kind: "Deployment" } before)
        {
            Queue.Add($"{previous.Namespace}/{before.Name}");
        }
    }

    /// <summary>getReplicaSetsForDeployment: the ReplicaSets this Deployment controls, adopting and releasing as needed.</summary>
    private async Task<List<V1ReplicaSet>> ClaimReplicaSetsAsync(V1Deployment d, CancellationToken cancellationToken)
    {
        var candidates = Service.List(_replicaSets, d.Metadata.NamespaceProperty, ListOptions.Everything).Items.Select(Typed.Read<V1ReplicaSet>);
        var claimed = await OwnerReferences.ClaimAsync(Service, _replicaSets, d, Typed.Selector(d.Spec.Selector), candidates, cancellationToken).ConfigureAwait(false);
        return [.. claimed.OrderBy(rs => rs.Metadata.CreationTimestamp).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal)];
    }

    /// <summary>The pods of each ReplicaSet (by UID), for the Recreate strategy's "old pods still running" check.</summary>
    private Dictionary<string, List<V1Pod>> PodsByReplicaSet(V1Deployment d, IEnumerable<V1ReplicaSet> sets)
    {
        var uids = sets.Select(rs => rs.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        var map = uids.ToDictionary(u => u, _ => new List<V1Pod>(), StringComparer.Ordinal);
        var selector = Typed.Selector(d.Spec.Selector);
        foreach (var stored in Service.List(_pods, d.Metadata.NamespaceProperty, ListOptions.Everything).Items.Where(p => selector.Matches(p.Labels)))
        {
            var pod = Typed.Read<V1Pod>(stored);
            if (OwnerReferences.ControllerOf(pod.Metadata)?.Uid is { } uid && map.TryGetValue(uid, out var list))
            {
                list.Add(pod);
            }
        }

        return map;
    }

    private Task RecordAsync(V1Deployment d, string type, string reason, string message, CancellationToken cancellationToken) =>
        _events.RecordAsync(Component, d, type, reason, message, cancellationToken);

    /// <summary>Now in whole seconds, as metav1.Time serializes.</summary>
    private DateTime Timestamp => DateTime.SpecifyKind(Meta.ParseTime(Meta.FormatTime(Now))!.Value.UtcDateTime, DateTimeKind.Utc);
}
