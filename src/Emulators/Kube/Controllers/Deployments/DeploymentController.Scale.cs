using k8s.Models;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>sync: scaling (or a paused Deployment) — resize the ReplicaSets and report status, without rolling.</summary>
    private async Task ScaleOnlyAsync(V1Deployment d, List<V1ReplicaSet> claimed, CancellationToken cancellationToken)
    {
        var sets = await ReplicaSetsAndSyncRevisionAsync(d, claimed, create: false, cancellationToken).ConfigureAwait(false);
        await ScaleAsync(d, sets, cancellationToken).ConfigureAwait(false);
        if (d.Spec.Paused == true)
        {
            await CleanupAsync(d, sets.Old, cancellationToken).ConfigureAwait(false);
        }

        await SyncStatusAsync(d, sets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>isScalingEvent: an active ReplicaSet was last sized for a different replica count than the Deployment's.</summary>
    private async Task<bool> IsScalingEventAsync(V1Deployment d, List<V1ReplicaSet> claimed, CancellationToken cancellationToken)
    {
        var sets = await ReplicaSetsAndSyncRevisionAsync(d, claimed, create: false, cancellationToken).ConfigureAwait(false);
        return sets.All.Where(rs => DeploymentUtil.Replicas(rs) > 0)
            .Any(rs => DeploymentUtil.IntAnnotation(rs, DeploymentUtil.DesiredReplicasAnnotation) is { } desired && desired != DeploymentUtil.Replicas(d));
    }

    /// <summary>scale: the only active ReplicaSet takes every replica; else old ones drain when the new one is saturated; else proportional scaling.</summary>
    private async Task ScaleAsync(V1Deployment d, RolloutSets sets, CancellationToken cancellationToken)
    {
        var desired = DeploymentUtil.Replicas(d);
        if (ActiveOrLatest(sets) is { } only)
        {
            if (DeploymentUtil.Replicas(only) != desired)
            {
                await ScaleAndRecordAsync(sets, only, desired, d, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (DeploymentUtil.IsSaturated(d, sets.New))
        {
            foreach (var old in sets.ActiveOld)
            {
                await ScaleAndRecordAsync(sets, old, 0, d, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (DeploymentUtil.IsRollingUpdate(d))
        {
            await ScaleProportionallyAsync(d, sets, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>FindActiveOrLatest: the single ReplicaSet with replicas, or the newest when none has any; null when several do.</summary>
    private static V1ReplicaSet? ActiveOrLatest(RolloutSets sets)
    {
        if (sets.New is null && sets.Old.Count == 0)
        {
            return null;
        }

        var active = sets.All.Where(rs => DeploymentUtil.Replicas(rs) > 0).ToList();
        return active.Count switch
        {
            0 => sets.New ?? sets.Old.OrderByDescending(rs => rs.Metadata.CreationTimestamp).ThenByDescending(rs => rs.Metadata.Name, StringComparer.Ordinal).First(),
            1 => active[0],
            _ => null,
        };
    }

    /// <summary>Proportional scaling: spread the change over the active ReplicaSets by their share of the replicas, leftovers to the largest.</summary>
    private async Task ScaleProportionallyAsync(V1Deployment d, RolloutSets sets, CancellationToken cancellationToken)
    {
        var active = sets.All.Where(rs => DeploymentUtil.Replicas(rs) > 0).ToList();
        var allowed = DeploymentUtil.Replicas(d) > 0 ? DeploymentUtil.Replicas(d) + DeploymentUtil.MaxSurge(d) : 0;
        var toAdd = allowed - DeploymentUtil.SpecReplicas(active);
        var operation = toAdd > 0 ? "up" : "down";
        active = toAdd > 0
            ? [.. active.OrderByDescending(DeploymentUtil.Replicas).ThenByDescending(rs => rs.Metadata.CreationTimestamp)]
            : [.. active.OrderByDescending(DeploymentUtil.Replicas).ThenBy(rs => rs.Metadata.CreationTimestamp)];
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var added = 0;
        foreach (var rs in active)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(rs, d, toAdd, added);
            sizes[rs.Metadata.Uid] = DeploymentUtil.Replicas(rs) + proportion;
            added += proportion;
        }

        for (var i = 0; i < active.Count; i++)
        {
            var rs = active[i];
            if (i == 0 && toAdd != 0)
            {
                sizes[rs.Metadata.Uid] = Math.Max(0, sizes[rs.Metadata.Uid] + toAdd - added);
            }

            await ScaleAsync(sets, rs, sizes[rs.Metadata.Uid], d, operation, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GetProportion: the replicas a ReplicaSet gains or loses, by its size against the Deployment's size before the scale.</summary>
    private static int Proportion(V1ReplicaSet rs, V1Deployment d, int toAdd, int added)
    {
        if (DeploymentUtil.Replicas(rs) == 0 || toAdd == added)
        {
            return 0;
        }

        int fraction;
        if (DeploymentUtil.Replicas(d) == 0)
        {
            fraction = -DeploymentUtil.Replicas(rs);
        }
        else
        {
            var maxAfter = DeploymentUtil.Replicas(d) + DeploymentUtil.MaxSurge(d);
            var maxBefore = DeploymentUtil.IntAnnotation(rs, DeploymentUtil.MaxReplicasAnnotation) is { } annotated and not 0 ? annotated : d.Status?.Replicas ?? 0;
            fraction = maxBefore == 0 ? 0 : (int)Math.Round((double)DeploymentUtil.Replicas(rs) * maxAfter / maxBefore, MidpointRounding.AwayFromZero) - DeploymentUtil.Replicas(rs);
        }

        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>scaleReplicaSetAndRecordEvent: resize when the size differs.</summary>
    private async Task<bool> ScaleAndRecordAsync(RolloutSets sets, V1ReplicaSet rs, int size, V1Deployment d, CancellationToken cancellationToken)
    {
        if (DeploymentUtil.Replicas(rs) == size)
        {
            return false;
        }

        return await ScaleAsync(sets, rs, size, d, size > DeploymentUtil.Replicas(rs) ? "up" : "down", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>scaleReplicaSet: set spec.replicas and the desired/max replica annotations; record ScalingReplicaSet when the size changed.</summary>
    private async Task<bool> ScaleAsync(RolloutSets sets, V1ReplicaSet rs, int size, V1Deployment d, string operation, CancellationToken cancellationToken)
    {
        var before = DeploymentUtil.Replicas(rs);
        var updated = await UpdateReplicaSetAsync(rs, obj =>
        {
            var annotationsChanged = SetReplicasAnnotations(obj, DeploymentUtil.Replicas(d), DeploymentUtil.Replicas(d) + DeploymentUtil.MaxSurge(d));
            var spec = KubeJson.GetOrAddObject(obj, "spec");
            var sizeChanged = KubeJson.GetInt64(spec["replicas"]) != size;
            spec["replicas"] = size;
            return annotationsChanged || sizeChanged;
        }, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return false;
        }

        sets.Replace(updated);
        if (before != size)
        {
            await RecordAsync(d, EventRecorder.Normal, "ScalingReplicaSet", $"Scaled {operation} replica set {rs.Metadata.Name} from {before} to {size}", cancellationToken)
                .ConfigureAwait(false);
        }

        return before != size;
    }

    /// <summary>cleanupDeployment: delete the oldest empty ReplicaSets beyond revisionHistoryLimit.</summary>
    private async Task CleanupAsync(V1Deployment d, List<V1ReplicaSet> old, CancellationToken cancellationToken)
    {
        if (d.Spec.RevisionHistoryLimit is not { } limit)
        {
            return;
        }

        var cleanable = old.Where(rs => rs.Metadata.DeletionTimestamp is null)
            .OrderBy(DeploymentUtil.Revision).ThenBy(rs => rs.Metadata.CreationTimestamp).ToList();
        for (var i = 0; i < cleanable.Count - limit; i++)
        {
            var rs = cleanable[i];
            if ((rs.Status?.Replicas ?? 0) != 0 || DeploymentUtil.Replicas(rs) != 0 || (rs.Metadata.Generation ?? 0) > (rs.Status?.ObservedGeneration ?? 0))
            {
                continue;
            }

            try
            {
                await Service.DeleteAsync(_replicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name, new DeleteOptions { PreconditionUid = rs.Metadata.Uid }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Gone or replaced meanwhile.
            }
        }
    }

    /// <summary>checkPausedConditions: Progressing=Unknown DeploymentPaused while paused, DeploymentResumed after.</summary>
    private async Task<V1Deployment> CheckPausedConditionsAsync(V1Deployment d, CancellationToken cancellationToken)
    {
        if (!DeploymentConditions.HasProgressDeadline(d))
        {
            return d;
        }

        var condition = DeploymentConditions.Get(d.Status, DeploymentConditions.Progressing);
        if (condition?.Reason == DeploymentConditions.ProgressDeadlineExceeded)
        {
            return d;
        }

        var pausedShown = condition?.Reason == DeploymentConditions.DeploymentPaused;
        var paused = d.Spec.Paused == true;
        if (paused == pausedShown)
        {
            return d;
        }

        d.Status ??= new V1DeploymentStatus();
        DeploymentConditions.Set(d.Status, paused
            ? DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown", DeploymentConditions.DeploymentPaused, "Deployment is paused", Timestamp)
            : DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown", DeploymentConditions.DeploymentResumed, "Deployment is resumed", Timestamp));
        await WriteStatusAsync(d, cancellationToken).ConfigureAwait(false);
        return d;
    }
}
