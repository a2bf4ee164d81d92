using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

public static partial class PodStatusMapper
{
    /// <summary>What a container that ran on a released spot instance shows as its last state (ECI ends it with exit 137).</summary>
    public const string SpotReleasedMessage = "The container's spot instance was released; it runs again on a new instance.";

    /// <summary>
    /// Marks a pod whose spot instance is about to be released, as long as it is not terminal: ECI's
    /// <c>ContainerInstanceExpired=True</c> (reason SpotToBeReleased, as ACK sets it, eci-annotations-current.md §4) and
    /// <c>DisruptionTarget=True</c> with reason TerminationByKubelet, as a kubelet marks the pods of a node that is about to
    /// shut down (pkg/kubelet/nodeshutdown: "Pod was terminated in response to imminent node shutdown."). Conditions the
    /// status already has are kept. The pod grain applies this to every status it writes after the notice, because the
    /// cheap status poll may not repeat it.
    /// </summary>
    public static V1PodStatus WithSpotNotice(V1PodStatus status, string message, DateTime noticedAt)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (IsTerminal(status))
        {
            return status;
        }

        DateTime at = DateTime.SpecifyKind(noticedAt, DateTimeKind.Utc);
        List<V1PodCondition> conditions = [.. status.Conditions ?? []];
        if (!conditions.Exists(c => c.Type == EciConditionTypes.ContainerInstanceExpired))
        {
            conditions.Add(PodConditions.Condition(EciConditionTypes.ContainerInstanceExpired, true, EciConditionTypes.SpotToBeReleased, message, at));
        }

        if (!conditions.Exists(c => c.Type == EciConditionTypes.DisruptionTarget))
        {
            conditions.Add(PodConditions.Condition(EciConditionTypes.DisruptionTarget, true, EciConditionTypes.TerminationByKubelet, message, at));
        }

        status.Conditions = conditions;
        return status;
    }

    /// <summary>
    /// A pod moved to a fresh container group is, to Kubernetes, a pod whose containers restarted: each container's
    /// restart count is raised by what its earlier groups counted (<paramref name="carried"/>, each already including the
    /// restart the move itself is), and a container without a last state of its own shows the end of its run on the
    /// released instance (exit 137, reason BidFailed, as ECI terminates it) finished at <paramref name="endedAt"/>.
    /// </summary>
    public static V1PodStatus CarryRestarts(V1PodStatus status, IReadOnlyDictionary<string, int>? carried, DateTime? endedAt)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (carried is null || carried.Count == 0)
        {
            return status;
        }

        bool restarted = false;
        foreach (V1ContainerStatus c in status.ContainerStatuses ?? [])
        {
            if (!carried.TryGetValue(c.Name, out int before) || before <= 0)
            {
                continue;
            }

            restarted = true;

            c.RestartCount += before;
            if (c.LastState?.Terminated is null)
            {
                c.LastState = new V1ContainerState
                {
                    Terminated = new V1ContainerStateTerminated
                    {
                        ExitCode = 137,
                        Signal = 9,
                        Reason = EciConditionTypes.BidFailed,
                        Message = SpotReleasedMessage,
                        FinishedAt = endedAt is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null,
                    },
                };
            }
        }

        if (restarted && status.Phase == PodPhases.Pending)
        {
            // The kubelet's getPhase counts a waiting container that ran before as stopped, and a restartPolicy Always pod
            // with stopped containers and none running is Running (restarting), never Pending again.
            status.Phase = PodPhases.Running;
        }

        return status;
    }

    /// <summary>
    /// The restarts to carry to a fresh group: per container, what <paramref name="last"/> showed (itself including any
    /// earlier carry) plus one for the move.
    /// </summary>
    public static Dictionary<string, int> RestartsToCarry(PodShape pod, V1PodStatus? last)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Containers.ToDictionary(c => c.Name, c => (last?.ContainerStatuses?.FirstOrDefault(s => s.Name == c.Name)?.RestartCount ?? 0) + 1,
            StringComparer.Ordinal);
    }
}
