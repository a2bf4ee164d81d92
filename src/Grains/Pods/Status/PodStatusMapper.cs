using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Status;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// ECI container group → Kubernetes <see cref="V1PodStatus"/>, the way a kubelet reports a pod: phase by the kubelet's
/// getPhase over the container statuses (ECI's own status decides only what containers cannot: creating, failed to create,
/// finished, reclaimed), the kubelet's conditions plus ECI's <c>ContainerInstanceCreated</c>/<c>ContainerInstanceExpired</c>,
/// container statuses in the pod's order. Pure and total: malformed or missing ECI values give a sensible status, never an
/// exception. Condition times are ECI's when it sends them, otherwise null; <see cref="Stamp"/> fills them the kubelet's way
/// before a write.
/// </summary>
public static partial class PodStatusMapper
{
    /// <summary>The status from DescribeContainerGroupStatus (the cheap poller).</summary>
    public static V1PodStatus FromStatus(ContainerGroupStatus status, PodShape pod, string hostIp)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(pod);
        return Build(EciObservations.From(status), pod, hostIp);
    }

    /// <summary>The status from DescribeContainerGroups (the full object; freshly created groups are polled this way).</summary>
    public static V1PodStatus FromGroup(ContainerGroup group, PodShape pod, string hostIp)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(pod);
        return Build(EciObservations.From(group), pod, hostIp);
    }

    /// <summary>
    /// The status before the group exists, while it is being created, or when creation failed and will be retried: phase
    /// Pending, PodScheduled True (the scheduler bound the pod to this node), ContainerInstanceCreated False with
    /// <paramref name="reason"/> (default <c>Creating</c>), containers waiting in ContainerCreating (PodInitializing for
    /// pods with init containers). <paramref name="reason"/>/<paramref name="message"/> are also the pod's.
    /// </summary>
    public static V1PodStatus Pending(PodShape pod, string? reason, string? message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        string waiting = pod.InitContainers.Count > 0 ? ContainerStates.PodInitializing : ContainerStates.ContainerCreating;
        List<V1ContainerStatus> init = [.. pod.InitContainers.Select(c => Unstarted(c, waiting))];
        List<V1ContainerStatus> containers = [.. pod.Containers.Select(c => Unstarted(c, waiting))];
        string? why = ContainerStates.Text(reason);
        List<V1PodCondition> conditions =
        [
            PodConditions.Condition(EciConditionTypes.PodReadyToStartContainers, false),
            PodConditions.Initialized(pod, init, containers, PodPhases.Pending),
            PodConditions.Ready(pod, containers, PodPhases.Pending),
            PodConditions.ContainersReady(pod, containers, PodPhases.Pending),
            PodConditions.Condition(EciConditionTypes.PodScheduled, true),
            PodConditions.Condition(EciConditionTypes.ContainerInstanceCreated, false, why ?? EciConditionTypes.Creating, ContainerStates.Text(message) ?? why ?? EciConditionTypes.Creating),
        ];
        V1PodStatus status = new()
        {
            Phase = PodPhases.Pending,
            Reason = why,
            Message = ContainerStates.Text(message),
            QosClass = pod.QosClass,
            Conditions = conditions,
            InitContainerStatuses = pod.InitContainers.Count > 0 ? init : null,
            ContainerStatuses = containers,
        };
        return Stamp(status, null, now);
    }

    /// <summary>Whether the pod is finished for good (Succeeded or Failed): Kubernetes never moves it back.</summary>
    public static bool IsTerminal(V1PodStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Phase is PodPhases.Succeeded or PodPhases.Failed;
    }

    /// <summary>
    /// Fills condition times as the kubelet's status manager does (pkg/kubelet/status/status_manager.go,
    /// updateLastTransitionTime): a condition whose status did not change since <paramref name="last"/> keeps its time;
    /// otherwise ECI's time when <paramref name="next"/> has one, else <paramref name="now"/>. Returns
    /// <paramref name="next"/> with its conditions replaced by stamped copies.
    /// </summary>
    public static V1PodStatus Stamp(V1PodStatus next, V1PodStatus? last, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(next);
        DateTime utcNow = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);
        next.Conditions = [.. (next.Conditions ?? []).Select(c =>
        {
            V1PodCondition? before = last?.Conditions?.FirstOrDefault(b => b.Type == c.Type);
            DateTime? at = before is not null && before.Status == c.Status && before.LastTransitionTime is not null
                ? before.LastTransitionTime
                : c.LastTransitionTime ?? utcNow;
            return new V1PodCondition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastProbeTime = c.LastProbeTime, LastTransitionTime = at };
        })];
        return next;
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> show the same thing (what <c>kubectl get -o yaml</c> shows
    /// apart from condition times): ordering of conditions and statuses, null versus empty text, and sub-second time
    /// differences (the API stores seconds) are noise. False when <paramref name="a"/> is null.
    /// </summary>
    public static bool SameStatus(V1PodStatus? a, V1PodStatus b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return a is not null && PodStatusComparer.Same(a, b);
    }

    private static V1ContainerStatus Unstarted(ContainerShape c, string waitingReason) => new()
    {
        Name = c.Name,
        Image = c.Image,
        ImageID = "",
        Ready = false,
        Started = false,
        RestartCount = 0,
        State = ContainerStates.Waiting(waitingReason),
        LastState = new V1ContainerState(),
    };
}
