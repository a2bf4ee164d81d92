using k8s.Models;

namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>calculateStatus (sync.go): counts over the ReplicaSets and the Available condition.</summary>
    private V1DeploymentStatus CalculateStatus(V1Deployment d, RolloutSets sets)
    {
        var all = sets.All;
        var available = DeploymentUtil.AvailableReplicas(all);
        var status = new V1DeploymentStatus
        {
            ObservedGeneration = d.Metadata.Generation,
            Replicas = DeploymentUtil.StatusReplicas(all),
            UpdatedReplicas = sets.New?.Status?.Replicas ?? 0,
            ReadyReplicas = DeploymentUtil.ReadyReplicas(all),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, DeploymentUtil.SpecReplicas(all) - available),
            CollisionCount = d.Status?.CollisionCount,
            Conditions = [.. (d.Status?.Conditions ?? []).Select(Copy)],
        };
        var condition = available >= DeploymentUtil.Replicas(d) - DeploymentUtil.MaxUnavailable(d)
            ? DeploymentConditions.New(DeploymentConditions.Available, "True", DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", Timestamp)
            : DeploymentConditions.New(DeploymentConditions.Available, "False", DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", Timestamp);
        DeploymentConditions.Set(status, condition);
        return status;
    }

    /// <summary>syncDeploymentStatus: write the calculated status when it differs.</summary>
    private async Task SyncStatusAsync(V1Deployment d, RolloutSets sets, CancellationToken cancellationToken)
    {
        var status = CalculateStatus(d, sets);
        if (!Same(d.Status, status))
        {
            d.Status = status;
            await WriteStatusAsync(d, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>syncRolloutStatus (progress.go): the Progressing condition (NewReplicaSetAvailable, ReplicaSetUpdated, ProgressDeadlineExceeded) on top of the status.</summary>
    private async Task SyncRolloutStatusAsync(V1Deployment d, RolloutSets sets, CancellationToken cancellationToken)
    {
        var status = CalculateStatus(d, sets);
        if (!DeploymentConditions.HasProgressDeadline(d))
        {
            DeploymentConditions.Remove(status, DeploymentConditions.Progressing);
        }

        var current = DeploymentConditions.Get(d.Status, DeploymentConditions.Progressing);
        var completed = status.Replicas == status.UpdatedReplicas && current?.Reason == DeploymentConditions.NewReplicaSetAvailable;
        if (DeploymentConditions.HasProgressDeadline(d) && !completed && sets.New is { } newSet)
        {
            UpdateProgressing(d, status, current, newSet.Metadata.Name);
        }

        if (sets.All.Select(rs => rs.Status?.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure" && c.Status == "True")).FirstOrDefault(c => c is not null) is { } failure)
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.ReplicaFailure, failure.Status, failure.Reason, failure.Message, Timestamp));
        }
        else
        {
            DeploymentConditions.Remove(status, DeploymentConditions.ReplicaFailure);
        }

        if (Same(d.Status, status))
        {
            RequeueStuck(d, status);
            return;
        }

        d.Status = status;
        await WriteStatusAsync(d, cancellationToken).ConfigureAwait(false);
    }

    private void UpdateProgressing(V1Deployment d, V1DeploymentStatus status, V1DeploymentCondition? current, string newSetName)
    {
        if (Complete(d, status))
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.NewReplicaSetAvailable,
                $"ReplicaSet \"{newSetName}\" has successfully progressed.", Timestamp));
        }
        else if (Progressed(d, status))
        {
            // Progress refreshes lastUpdateTime even when the reason stays the same.
            var condition = DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.ReplicaSetUpdated,
                $"ReplicaSet \"{newSetName}\" is progressing.", Timestamp);
            if (current?.Status == "True")
            {
                condition.LastTransitionTime = current.LastTransitionTime;
            }

            DeploymentConditions.Remove(status, DeploymentConditions.Progressing);
            DeploymentConditions.Set(status, condition);
        }
        else if (TimedOut(d, status))
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "False", DeploymentConditions.ProgressDeadlineExceeded,
                $"ReplicaSet \"{newSetName}\" has timed out progressing.", Timestamp));
        }
    }

    /// <summary>DeploymentComplete: every desired replica updated, available, and no old ones left; the current generation observed.</summary>
    private static bool Complete(V1Deployment d, V1DeploymentStatus status) =>
        status.UpdatedReplicas == DeploymentUtil.Replicas(d) && status.Replicas == DeploymentUtil.Replicas(d)
        && status.AvailableReplicas == DeploymentUtil.Replicas(d) && status.ObservedGeneration >= d.Metadata.Generation;

    /// <summary>DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before.</summary>
    private static bool Progressed(V1Deployment d, V1DeploymentStatus status)
    {
        var old = d.Status ?? new V1DeploymentStatus();
        return (status.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0)
            || ((status.Replicas ?? 0) - (status.UpdatedReplicas ?? 0)) < ((old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0))
            || (status.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0)
            || (status.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0);
    }

    private bool TimedOut(V1Deployment d, V1DeploymentStatus status) =>
        DeploymentConditions.Get(status, DeploymentConditions.Progressing) is { } condition
        && condition.Reason != DeploymentConditions.NewReplicaSetAvailable
        && (condition.Reason == DeploymentConditions.ProgressDeadlineExceeded
            || (Typed.Time(condition.LastUpdateTime) is { } from && from.AddSeconds(d.Spec.ProgressDeadlineSeconds ?? 600) < Now));

    /// <summary>requeueStuckDeployment: look again when the progress deadline would pass.</summary>
    private void RequeueStuck(V1Deployment d, V1DeploymentStatus status)
    {
        if (!DeploymentConditions.HasProgressDeadline(d) || Complete(d, status)
            || DeploymentConditions.Get(status, DeploymentConditions.Progressing) is not { Reason: not DeploymentConditions.ProgressDeadlineExceeded } condition
            || Typed.Time(condition.LastUpdateTime) is not { } from)
        {
            return;
        }

        Queue.AddAt($"{d.Metadata.NamespaceProperty}/{d.Metadata.Name}", from.AddSeconds((d.Spec.ProgressDeadlineSeconds ?? 600) + 1));
    }

    private static bool Same(V1DeploymentStatus? a, V1DeploymentStatus b) =>
        k8s.KubernetesJson.Serialize(Normalize(a)) == k8s.KubernetesJson.Serialize(Normalize(b));

    /// <summary>The status as stored: zero counts absent (omitempty).</summary>
    private static V1DeploymentStatus Normalize(V1DeploymentStatus? s) => new()
    {
        ObservedGeneration = s?.ObservedGeneration is 0 ? null : s?.ObservedGeneration,
        Replicas = s?.Replicas is 0 ? null : s?.Replicas,
        UpdatedReplicas = s?.UpdatedReplicas is 0 ? null : s?.UpdatedReplicas,
        ReadyReplicas = s?.ReadyReplicas is 0 ? null : s?.ReadyReplicas,
        AvailableReplicas = s?.AvailableReplicas is 0 ? null : s?.AvailableReplicas,
        UnavailableReplicas = s?.UnavailableReplicas is 0 ? null : s?.UnavailableReplicas,
        CollisionCount = s?.CollisionCount is 0 ? null : s?.CollisionCount,
        TerminatingReplicas = s?.TerminatingReplicas is 0 ? null : s?.TerminatingReplicas,
        Conditions = s?.Conditions is { Count: > 0 } c ? c : null,
    };

    private static V1DeploymentCondition Copy(V1DeploymentCondition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        LastUpdateTime = c.LastUpdateTime,
        LastTransitionTime = c.LastTransitionTime,
        Reason = c.Reason,
        Message = c.Message,
    };
}
