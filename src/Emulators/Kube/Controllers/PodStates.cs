using k8s.Models;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>Pod predicates the workload controllers share (pkg/api/v1/pod/util.go, pkg/controller/controller_utils.go).</summary>
internal static class PodStates
{
    /// <summary>Not terminated and not being deleted (controller.IsPodActive).</summary>
    public static bool IsActive(V1Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata.DeletionTimestamp is null;

    /// <summary>Being deleted but not yet terminated (controller.IsPodTerminating).</summary>
    public static bool IsTerminating(V1Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata.DeletionTimestamp is not null;

    public static V1PodCondition? ReadyCondition(V1Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> (podutil.IsPodAvailable).</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod))
        {
            return false;
        }

        return minReadySeconds == 0
            || (Typed.Time(ReadyCondition(pod)!.LastTransitionTime) is { } since && since.AddSeconds(minReadySeconds) < now);
    }

    /// <summary>When a ready pod becomes available, for a requeue; null when it is not ready or already available.</summary>
    public static DateTimeOffset? AvailableAt(V1Pod pod, int minReadySeconds, DateTimeOffset now) =>
        IsReady(pod) && minReadySeconds > 0 && Typed.Time(ReadyCondition(pod)!.LastTransitionTime) is { } since
        && since.AddSeconds(minReadySeconds) >= now
            ? since.AddSeconds(minReadySeconds) + TimeSpan.FromSeconds(1)
            : null;
}
