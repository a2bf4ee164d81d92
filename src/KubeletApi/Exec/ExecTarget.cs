using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.KubeletApi.Exec;

/// <summary>Whether a pod's container can take an exec now, from what the pod directory knows, as a value.</summary>
internal static class ExecTarget
{
    /// <summary>Null when ECI should be asked, else why not: no such pod (or another uid), no such container, no
    /// container group yet, or a container reported waiting or terminated. A container without a reported state is
    /// left to ECI, whose IncorrectStatus answer is mapped like any other.</summary>
    public static KubeletProblem? Check(KubeletPod? pod, string ns, string podName, string? uid, string container)
    {
        if (pod is null || (uid is not null && uid != pod.Uid))
        {
            var which = uid is null ? $"\"{ns}/{podName}\"" : $"\"{ns}/{podName}\" with uid {uid}";
            return KubeletProblem.NotFound($"pod {which} is not on a virtual node served here");
        }

        if (!pod.HasContainer(container))
        {
            return KubeletProblem.NotFound($"container not found (\"{container}\") in pod \"{ns}/{podName}\"");
        }

        var state = pod.StatusOf(container)?.State;
        if (pod.ContainerGroupId is null)
        {
            return KubeletProblem.BadRequest(
                $"container \"{container}\" in pod \"{ns}/{podName}\" is waiting to start: {state?.Waiting?.Reason ?? "ContainerCreating"} (its ECI container group is not created yet)");
        }

        if (state is { Running: null, Waiting: { } waiting })
        {
            return KubeletProblem.BadRequest($"container \"{container}\" in pod \"{ns}/{podName}\" is waiting to start: {waiting.Reason ?? "ContainerCreating"}");
        }

        if (state is { Running: null, Terminated: { } terminated })
        {
            return KubeletProblem.BadRequest(
                $"container \"{container}\" in pod \"{ns}/{podName}\" is not running: it terminated ({terminated.Reason ?? "exit code " + terminated.ExitCode})");
        }

        return null;
    }
}
