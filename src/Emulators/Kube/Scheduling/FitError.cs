using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// The FailedScheduling message, as kube-scheduler 1.32 words it (pkg/scheduler/framework/types.go FitError.Error and
/// plugins/defaultpreemption): "0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu.
/// preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for
/// incoming pod." Reasons are counted over nodes and sorted as strings (Go's sort.Strings).
/// This scheduler does not preempt: nodes that fail only for resources report "No preemption victims found", which is
/// what kube-scheduler says when no lower-priority pod could make room.
/// </summary>
internal static class FitError
{
    /// <summary>ErrNoNodesAvailable, when the cluster has no node at all.</summary>
    public const string NoNodesAvailable = "no nodes available to schedule pods";

    public const string PreemptionNotHelpful = "Preemption is not helpful for scheduling";
    public const string NoPreemptionVictims = "No preemption victims found for incoming pod";

    public static string Message(V1PodSpec pod, int allNodes, IReadOnlyCollection<FilterStatus> failures)
    {
        var message = $"0/{allNodes} nodes are available:";
        var reasons = Histogram(failures.SelectMany(f => f.Reasons));
        if (reasons.Length > 0)
        {
            message += $" {reasons}.";
        }

        return $"{message} {Preemption(pod, allNodes, failures)}";
    }

    private static string Preemption(V1PodSpec pod, int allNodes, IReadOnlyCollection<FilterStatus> failures)
    {
        if (pod.PreemptionPolicy == "Never")
        {
            return "preemption: not eligible due to preemptionPolicy=Never.";
        }

        var perNode = Histogram(failures.Select(f => f.Unresolvable ? PreemptionNotHelpful : NoPreemptionVictims));
        return $"preemption: 0/{allNodes} nodes are available: {perNode}.";
    }

    private static string Histogram(IEnumerable<string> reasons) =>
        string.Join(", ", reasons.GroupBy(r => r, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}").Order(StringComparer.Ordinal));
}
