using k8s.Models;

namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>rolloutRolling (rolling.go): grow the new ReplicaSet within maxSurge, shrink old ones within maxUnavailable.</summary>
    private async Task RolloutRollingAsync(V1Deployment d, List<V1ReplicaSet> claimed, CancellationToken cancellationToken)
    {
        var sets = await ReplicaSetsAndSyncRevisionAsync(d, claimed, create: true, cancellationToken).ConfigureAwait(false);
        if (await ReconcileNewAsync(d, sets, cancellationToken).ConfigureAwait(false)
            || await ReconcileOldAsync(d, sets, cancellationToken).ConfigureAwait(false))
        {
            await SyncRolloutStatusAsync(d, sets, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Complete(d, CalculateStatus(d, sets)))
        {
            await CleanupAsync(d, sets.Old, cancellationToken).ConfigureAwait(false);
        }

        await SyncRolloutStatusAsync(d, sets, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ReconcileNewAsync(V1Deployment d, RolloutSets sets, CancellationToken cancellationToken)
    {
        if (sets.New is not { } newSet || DeploymentUtil.Replicas(newSet) == DeploymentUtil.Replicas(d))
        {
            return false;
        }

        var target = DeploymentUtil.Replicas(newSet) > DeploymentUtil.Replicas(d)
            ? DeploymentUtil.Replicas(d)
            : DeploymentUtil.NewReplicaSetReplicas(d, sets.All, newSet);
        return await ScaleAndRecordAsync(sets, newSet, target, d, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>reconcileOldReplicaSets: scale old ReplicaSets down as far as availability allows, unhealthy replicas first.</summary>
    private async Task<bool> ReconcileOldAsync(V1Deployment d, RolloutSets sets, CancellationToken cancellationToken)
    {
        if (DeploymentUtil.SpecReplicas(sets.Old) == 0)
        {
            return false;
        }

        var minAvailable = DeploymentUtil.Replicas(d) - DeploymentUtil.MaxUnavailable(d);
        var newUnavailable = DeploymentUtil.Replicas(sets.New) - (sets.New?.Status?.AvailableReplicas ?? 0);
        var maxScaledDown = DeploymentUtil.SpecReplicas(sets.All) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        var cleaned = 0;
        foreach (var rs in sets.ActiveOld.OrderBy(rs => rs.Metadata.CreationTimestamp).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal).ToList())
        {
            var unhealthy = DeploymentUtil.Replicas(rs) - (rs.Status?.AvailableReplicas ?? 0);
            if (cleaned >= maxScaledDown || unhealthy <= 0)
            {
                continue;
            }

            var down = Math.Min(maxScaledDown - cleaned, unhealthy);
            await ScaleAndRecordAsync(sets, rs, DeploymentUtil.Replicas(rs) - down, d, cancellationToken).ConfigureAwait(false);
            cleaned += down;
        }

        var scaled = await ScaleDownOldForRollingAsync(d, sets, cancellationToken).ConfigureAwait(false);
        return cleaned + scaled > 0;
    }

    /// <summary>scaleDownOldReplicaSetsForRollingUpdate: remove available old replicas beyond minAvailable, oldest ReplicaSets first.</summary>
    private async Task<int> ScaleDownOldForRollingAsync(V1Deployment d, RolloutSets sets, CancellationToken cancellationToken)
    {
        var minAvailable = DeploymentUtil.Replicas(d) - DeploymentUtil.MaxUnavailable(d);
        var available = DeploymentUtil.AvailableReplicas(sets.All);
        if (available <= minAvailable)
        {
            return 0;
        }

        var total = available - minAvailable;
        var done = 0;
        foreach (var rs in sets.Old.OrderBy(rs => rs.Metadata.CreationTimestamp).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal).ToList())
        {
            if (done >= total)
            {
                break;
            }

            if (DeploymentUtil.Replicas(rs) == 0)
            {
                continue;
            }

            var down = Math.Min(DeploymentUtil.Replicas(rs), total - done);
            await ScaleAndRecordAsync(sets, rs, DeploymentUtil.Replicas(rs) - down, d, cancellationToken).ConfigureAwait(false);
            done += down;
        }

        return done;
    }

    /// <summary>rolloutRecreate (recreate.go): old ReplicaSets to zero, wait for their pods to be gone, then the new one to full size.</summary>
    private async Task RolloutRecreateAsync(V1Deployment d, List<V1ReplicaSet> claimed, CancellationToken cancellationToken)
    {
        var sets = await ReplicaSetsAndSyncRevisionAsync(d, claimed, create: false, cancellationToken).ConfigureAwait(false);
        var scaledDown = false;
        foreach (var old in sets.ActiveOld)
        {
            scaledDown |= await ScaleAndRecordAsync(sets, old, 0, d, cancellationToken).ConfigureAwait(false);
        }

        if (scaledDown || OldPodsRunning(d, sets))
        {
            await SyncRolloutStatusAsync(d, sets, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (sets.New is null)
        {
            sets = await ReplicaSetsAndSyncRevisionAsync(d, claimed, create: true, cancellationToken).ConfigureAwait(false);
        }

        if (sets.New is { } newSet)
        {
            await ScaleAndRecordAsync(sets, newSet, DeploymentUtil.Replicas(d), d, cancellationToken).ConfigureAwait(false);
        }

        if (Complete(d, CalculateStatus(d, sets)))
        {
            await CleanupAsync(d, sets.Old, cancellationToken).ConfigureAwait(false);
        }

        await SyncRolloutStatusAsync(d, sets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>oldPodsRunning: an old ReplicaSet still reports replicas, or one of its pods has not terminated (even while being deleted).</summary>
    private bool OldPodsRunning(V1Deployment d, RolloutSets sets)
    {
        if (sets.Old.Any(rs => (rs.Status?.Replicas ?? 0) > 0))
        {
            return true;
        }

        return PodsByReplicaSet(d, sets.Old).Values.SelectMany(p => p).Any(p => p.Status?.Phase is not ("Succeeded" or "Failed"));
    }
}
