using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// One scheduling cycle (pkg/scheduler/schedule_one.go schedulePod): filter every node, score the feasible ones, take
/// the highest score (ties broken at random, as selectHost's reservoir sampling does).
/// </summary>
internal static class SchedulingAlgorithm
{
    public static ScheduleResult Schedule(V1PodSpec pod, IReadOnlyList<NodeInfo> nodes, Random random)
    {
        if (nodes.Count == 0)
        {
            return new ScheduleResult(null, FitError.NoNodesAvailable);
        }

        var requests = PodRequests.Of(pod);
        var ports = HostPort.Of(pod);
        var feasible = new List<NodeInfo>();
        var failures = new List<FilterStatus>();
        foreach (var node in nodes)
        {
            if (NodeFilters.Check(pod, requests, ports, node) is { } failure)
            {
                failures.Add(failure);
            }
            else
            {
                feasible.Add(node);
            }
        }

        if (feasible.Count == 0)
        {
            return new ScheduleResult(null, FitError.Message(pod, nodes.Count, failures));
        }

        if (feasible.Count == 1)
        {
            return new ScheduleResult(feasible[0].Name, null);
        }

        var scores = NodeScoring.Score(pod, feasible);
        var best = 0;
        var ties = 1;
        for (var i = 1; i < feasible.Count; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
                ties = 1;
            }
            else if (scores[i] == scores[best] && random.Next(++ties) == 0)
            {
                best = i;
            }
        }

        return new ScheduleResult(feasible[best].Name, null);
    }
}
