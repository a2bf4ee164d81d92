using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// The kubelet's phase rule, ported from <c>getPhase</c> in kubernetes pkg/kubelet/kubelet_pods.go (v1.30+), without
/// restartable (sidecar) init containers, which ECI does not run. A container the pod has but ECI does not report counts
/// as unknown (Pending unless something is waiting), exactly as the kubelet counts a missing status.
/// </summary>
internal static class PodPhases
{
    public const string Pending = "Pending";

    public const string Running = "Running";

    public const string Succeeded = "Succeeded";

    public const string Failed = "Failed";

    public static bool IsValid(string? phase) => phase is Pending or Running or Succeeded or Failed;

    public static string Compute(PodShape pod, IList<V1ContainerStatus> init, IList<V1ContainerStatus> containers, bool podIsTerminal)
    {
        int pendingInitialization = 0;
        int failedInitialization = 0;
        foreach (ContainerShape c in pod.InitContainers)
        {
            V1ContainerStatus? s = Find(init, c.Name);
            if (s?.State?.Terminated is { } t)
            {
                failedInitialization += t.ExitCode != 0 ? 1 : 0;
            }
            else if (s?.State?.Waiting is not null && s.LastState?.Terminated is { } last)
            {
                failedInitialization += last.ExitCode != 0 ? 1 : 0;
            }
            else
            {
                pendingInitialization++;
            }
        }

        int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (ContainerShape c in pod.Containers)
        {
            V1ContainerStatus? s = Find(containers, c.Name);
            switch (s?.State)
            {
                case null:
                    unknown++;
                    break;
                case { Running: not null }:
                    running++;
                    break;
                case { Terminated: { } t }:
                    stopped++;
                    succeeded += t.ExitCode == 0 ? 1 : 0;
                    break;
                case { Waiting: not null } when s.LastState?.Terminated is not null:
                    stopped++;
                    break;
                case { Waiting: not null }:
                    waiting++;
                    break;
                default:
                    unknown++;
                    break;
            }
        }

        if (failedInitialization > 0 && pod.RestartPolicy == RestartPolicies.Never)
        {
            return Failed;
        }

        bool anyStarted = containers.Any(ContainerStates.HasStarted);
        if ((pendingInitialization > 0 && !anyStarted) || waiting > 0)
        {
            return Pending;
        }

        if (running > 0 && unknown == 0)
        {
            return Running;
        }

        if (running == 0 && stopped > 0 && unknown == 0)
        {
            if (podIsTerminal)
            {
                return stopped == succeeded ? Succeeded : Failed;
            }

            if (pod.RestartPolicy == RestartPolicies.Always)
            {
                return Running;
            }

            if (stopped == succeeded)
            {
                return Succeeded;
            }

            return pod.RestartPolicy == RestartPolicies.Never ? Failed : Running;
        }

        return Pending;
    }

    public static V1ContainerStatus? Find(IList<V1ContainerStatus> statuses, string name)
    {
        foreach (V1ContainerStatus s in statuses)
        {
            if (s.Name == name)
            {
                return s;
            }
        }

        return null;
    }
}
