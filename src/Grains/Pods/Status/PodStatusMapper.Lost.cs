using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

public static partial class PodStatusMapper
{
    /// <summary>
    /// The status of a pod whose container group disappeared or ended terminally outside our control, reported as
    /// Kubernetes reports a pod whose node is gone, so that its owner replaces it:
    /// <list type="bullet">
    /// <item>phase Failed with <paramref name="reason"/>/<paramref name="message"/>: PodGC marks an orphaned pod Failed before
    /// deleting it, "especially important in case the pod is orphaned, in which case the pod would remain in the Running phase
    /// forever as there is no kubelet running to change the phase" (pkg/controller/podgc/gc_controller.go,
    /// markFailedAndDeletePodWithCondition); a ReplicaSet counts only pods that are not Succeeded/Failed as active
    /// (pkg/controller/controller_utils.go, IsPodActive) and creates a replacement;</item>
    /// <item>condition DisruptionTarget=True with the same reason, as PodGC adds (reason DeletionByPodGC, "PodGC: node no
    /// longer exists") so a Job's podFailurePolicy can tell a lost machine from a failed workload;</item>
    /// <item>every container not already terminated becomes Terminated, exit code 137, reason ContainerStatusUnknown,
    /// "The container could not be located when the pod was terminated", as the kubelet's TerminatePod writes
    /// (pkg/kubelet/status/status_manager.go); Ready and ContainersReady False with reason PodFailed
    /// (pkg/kubelet/status/generate.go).</item>
    /// </list>
    /// What <paramref name="last"/> showed (IPs, start time, restart counts, last states) is kept. A pod already terminal
    /// is returned unchanged: Kubernetes never moves a Succeeded or Failed pod to another phase.
    /// </summary>
    public static V1PodStatus Lost(PodShape pod, V1PodStatus? last, string reason, string message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (last is not null && IsTerminal(last))
        {
            return last;
        }

        string why = ContainerStates.Text(reason) ?? "ContainerGroupLost";
        string what = ContainerStates.Text(message) ?? $"The ECI container group of pod {pod.Namespace}/{pod.Name} is gone.";
        // "Once a pod has initialized, any missing status is treated as a failure" (TerminatePod).
        bool initialized = pod.InitContainers.Count == 0
            || last?.Conditions?.Any(c => c.Type == EciConditionTypes.Initialized && c.Status == "True") == true;
        List<V1ContainerStatus> containers = [.. pod.Containers.Select(c => Killed(c, Find(last?.ContainerStatuses, c.Name), always: initialized))];
        List<V1ContainerStatus> init = [.. pod.InitContainers.Select(c => Killed(c, Find(last?.InitContainerStatuses, c.Name), always: false))];

        List<V1PodCondition> conditions =
        [
            PodConditions.Condition(EciConditionTypes.PodReadyToStartContainers, false),
            PodConditions.Initialized(pod, init, containers, PodPhases.Failed),
            PodConditions.Ready(pod, containers, PodPhases.Failed),
            PodConditions.ContainersReady(pod, containers, PodPhases.Failed),
            PodConditions.Condition(EciConditionTypes.PodScheduled, true),
            PodConditions.Condition(EciConditionTypes.DisruptionTarget, true, why, what),
        ];
        conditions.AddRange((last?.Conditions ?? []).Where(c => conditions.TrueForAll(x => x.Type != c.Type)).Select(Copy));

        V1PodStatus status = new()
        {
            Phase = PodPhases.Failed,
            Reason = why,
            Message = what,
            HostIP = last?.HostIP,
            HostIPs = last?.HostIPs,
            PodIP = last?.PodIP,
            PodIPs = last?.PodIPs,
            StartTime = last?.StartTime,
            QosClass = last?.QosClass ?? pod.QosClass,
            Conditions = conditions,
            InitContainerStatuses = init.Count > 0 ? init : null,
            ContainerStatuses = containers,
        };
        return Stamp(status, last, now);
    }

    /// <summary>
    /// A container of a lost pod: app containers of an initialized pod that are not terminated become
    /// ContainerStatusUnknown; init containers only when they were running (one that never started stays as it was, as
    /// TerminatePod leaves containers without evidence of a start).
    /// </summary>
    private static V1ContainerStatus Killed(ContainerShape shape, V1ContainerStatus? was, bool always)
    {
        V1ContainerStatus s = was is null ? Unstarted(shape, ContainerStates.ContainerCreating) : new V1ContainerStatus
        {
            Name = shape.Name,
            Image = was.Image ?? shape.Image,
            ImageID = was.ImageID ?? "",
            ContainerID = was.ContainerID,
            Ready = false,
            Started = false,
            RestartCount = was.RestartCount,
            State = was.State ?? new V1ContainerState(),
            LastState = was.LastState ?? new V1ContainerState(),
        };
        if (s.State.Terminated is null && (always || s.State.Running is not null))
        {
            s.State = ContainerStates.Unknown();
        }

        return s;
    }

    private static V1ContainerStatus? Find(IList<V1ContainerStatus>? statuses, string name) =>
        statuses is null ? null : PodPhases.Find(statuses, name);

    private static V1PodCondition Copy(V1PodCondition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        LastProbeTime = c.LastProbeTime,
        LastTransitionTime = c.LastTransitionTime,
    };
}
