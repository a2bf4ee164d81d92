using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// The kubelet's pod conditions, ported from kubernetes pkg/kubelet/status/generate.go
/// (GeneratePodInitializedCondition, GenerateContainersReadyCondition, GeneratePodReadyCondition) with the same reasons
/// and messages, so <c>kubectl describe</c> reads as on any node. Readiness gates are not evaluated (the pod shape does
/// not carry them).
/// </summary>
internal static class PodConditions
{
    public static V1PodCondition Condition(string type, bool status, string? reason = null, string? message = null, DateTime? at = null) =>
        new() { Type = type, Status = status ? "True" : "False", Reason = reason, Message = message, LastTransitionTime = at };

    public static V1PodCondition Initialized(PodShape pod, IList<V1ContainerStatus> init, IList<V1ContainerStatus> containers, string phase)
    {
        if (pod.InitContainers.Count == 0)
        {
            return Condition(EciConditionTypes.Initialized, true);
        }

        List<string> unknown = [];
        List<string> incomplete = [];
        foreach (ContainerShape c in pod.InitContainers)
        {
            V1ContainerStatus? s = PodPhases.Find(init, c.Name);
            if (s is null)
            {
                unknown.Add(c.Name);
            }
            else if (!s.Ready)
            {
                incomplete.Add(c.Name);
            }
        }

        if (phase == PodPhases.Succeeded && unknown.Count == 0)
        {
            return Condition(EciConditionTypes.Initialized, true, "PodCompleted");
        }

        // "If there is any regular container that has started, then the pod has been initialized before."
        if ((unknown.Count == 0 && incomplete.Count == 0) || containers.Any(ContainerStates.HasStarted))
        {
            return Condition(EciConditionTypes.Initialized, true);
        }

        return Condition(EciConditionTypes.Initialized, false, "ContainersNotInitialized", Message(unknown, "containers with unknown status", incomplete, "containers with incomplete status"));
    }

    public static V1PodCondition ContainersReady(PodShape pod, IList<V1ContainerStatus> containers, string phase) =>
        Readiness(EciConditionTypes.ContainersReady, pod, containers, phase);

    public static V1PodCondition Ready(PodShape pod, IList<V1ContainerStatus> containers, string phase) =>
        Readiness(EciConditionTypes.Ready, pod, containers, phase);

    private static V1PodCondition Readiness(string type, PodShape pod, IList<V1ContainerStatus> containers, string phase)
    {
        List<string> unknown = [];
        List<string> unready = [];
        foreach (ContainerShape c in pod.Containers)
        {
            V1ContainerStatus? s = PodPhases.Find(containers, c.Name);
            if (s is null)
            {
                unknown.Add(c.Name);
            }
            else if (!s.Ready)
            {
                unready.Add(c.Name);
            }
        }

        if (phase == PodPhases.Succeeded && unknown.Count == 0)
        {
            return Condition(type, false, "PodCompleted");
        }

        if (phase == PodPhases.Failed)
        {
            return Condition(type, false, "PodFailed");
        }

        return unknown.Count == 0 && unready.Count == 0
            ? Condition(type, true)
            : Condition(type, false, "ContainersNotReady", Message(unknown, "containers with unknown status", unready, "containers with unready status"));
    }

    /// <summary>The kubelet's message: Go's <c>%s</c> of a string slice is <c>[a b]</c>, parts joined by ", ".</summary>
    private static string Message(List<string> first, string firstLabel, List<string> second, string secondLabel)
    {
        List<string> parts = [];
        if (first.Count > 0)
        {
            parts.Add($"{firstLabel}: [{string.Join(' ', first)}]");
        }

        if (second.Count > 0)
        {
            parts.Add($"{secondLabel}: [{string.Join(' ', second)}]");
        }

        return string.Join(", ", parts);
    }
}
