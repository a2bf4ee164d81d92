using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// The default profile's filter plugins that apply here, in the order kube-scheduler runs them; a node fails on the first
/// plugin that rejects it (framework RunFilterPlugins). Reasons are worded as the plugins word them
/// (pkg/scheduler/framework/plugins: nodeunschedulable, tainttoleration, nodeaffinity, nodeports, noderesources/fit.go).
/// Volume, topology-spread and inter-pod-affinity filters are not implemented.
/// </summary>
internal static class NodeFilters
{
    public const string UnschedulableTaintKey = "node.kubernetes.io/unschedulable";
    public const string ReasonUnschedulable = "node(s) were unschedulable";
    public const string ReasonAffinity = "node(s) didn't match Pod's node affinity/selector";
    public const string ReasonPorts = "node(s) didn't have free ports for the requested pod ports";
    public const string ReasonTooManyPods = "Too many pods";

    /// <summary>Null when the pod fits the node; otherwise why not.</summary>
    public static FilterStatus? Check(V1PodSpec pod, ResourceSet requests, IReadOnlyList<HostPort> ports, NodeInfo node)
    {
        var spec = node.Node!.Spec;
        if (spec?.Unschedulable == true
            && !Tolerations.Tolerated(pod.Tolerations, new V1Taint { Key = UnschedulableTaintKey, Effect = Tolerations.NoSchedule }))
        {
            return new FilterStatus([ReasonUnschedulable], true);
        }

        var taint = Tolerations.FirstUntolerated(spec?.Taints, pod.Tolerations, t => t.Effect is Tolerations.NoSchedule or Tolerations.NoExecute);
        if (taint is not null)
        {
            return new FilterStatus([$"node(s) had untolerated taint {Tolerations.Describe(taint)}"], true);
        }

        if (!NodeAffinity.MatchesRequired(pod, node.Node))
        {
            return new FilterStatus([ReasonAffinity], true);
        }

        if (ports.Any(p => node.UsedPorts.Any(used => used.ConflictsWith(p))))
        {
            return new FilterStatus([ReasonPorts], false);
        }

        var insufficient = Insufficient(requests, node);
        return insufficient.Count == 0 ? null : new FilterStatus(insufficient, false);
    }

    /// <summary>noderesources.fitsRequest: pod count first, then each requested resource against allocatable minus requested.</summary>
    private static List<string> Insufficient(ResourceSet requests, NodeInfo node)
    {
        var reasons = new List<string>();
        var allocatable = node.Allocatable;
        var used = node.Requested;
        if (node.PodCount + 1 > allocatable.AllowedPods)
        {
            reasons.Add(ReasonTooManyPods);
        }

        if (requests.IsZero)
        {
            return reasons;
        }

        if (requests.MilliCpu > 0 && requests.MilliCpu > allocatable.MilliCpu - used.MilliCpu)
        {
            reasons.Add($"Insufficient {ResourceSet.Cpu}");
        }

        if (requests.MemoryBytes > 0 && requests.MemoryBytes > allocatable.MemoryBytes - used.MemoryBytes)
        {
            reasons.Add($"Insufficient {ResourceSet.Memory}");
        }

        if (requests.EphemeralStorageBytes > 0 && requests.EphemeralStorageBytes > allocatable.EphemeralStorageBytes - used.EphemeralStorageBytes)
        {
            reasons.Add($"Insufficient {ResourceSet.EphemeralStorage}");
        }

        foreach (var (name, amount) in requests.Scalars.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (amount > 0 && amount > allocatable.Scalars.GetValueOrDefault(name) - used.Scalars.GetValueOrDefault(name))
            {
                reasons.Add($"Insufficient {name}");
            }
        }

        return reasons;
    }
}
