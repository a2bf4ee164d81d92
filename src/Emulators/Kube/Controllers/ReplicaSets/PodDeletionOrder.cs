using System.Globalization;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.Controllers.ReplicaSets;

/// <summary>
/// Which pods a scale-down deletes first, as controller.ActivePodsWithRanks orders them
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/controller_utils.go): unassigned before
/// assigned; Pending before Unknown before Running; not ready before ready; lower pod-deletion-cost first; more
/// colocated related pods first; ready for less time first (on a log₂ scale, LogarithmicScaleDown); more container
/// restarts first; newer first (log₂ scale); then by UID.
/// </summary>
internal static class PodDeletionOrder
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>The <paramref name="count"/> pods to delete; <paramref name="related"/> are the active pods of the same owner family.</summary>
    public static List<V1Pod> PickForDeletion(IReadOnlyList<V1Pod> pods, IEnumerable<V1Pod> related, int count, DateTimeOffset now)
    {
        if (count >= pods.Count)
        {
            return [.. pods];
        }

        var onNode = related.Where(PodStates.IsActive).GroupBy(p => p.Spec.NodeName ?? "").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ranked = pods.Select(p => (Pod: p, Rank: onNode.GetValueOrDefault(p.Spec.NodeName ?? ""))).ToList();
        ranked.Sort((a, b) => Compare(a.Pod, a.Rank, b.Pod, b.Rank, now));
        return [.. ranked.Take(count).Select(r => r.Pod)];
    }

    private static int Compare(V1Pod a, int rankA, V1Pod b, int rankB, DateTimeOffset now)
    {
        var nodeA = a.Spec.NodeName ?? "";
        var nodeB = b.Spec.NodeName ?? "";
        if (nodeA != nodeB && (nodeA.Length == 0 || nodeB.Length == 0))
        {
            return nodeA.Length == 0 ? -1 : 1;
        }

        var byPhase = Phase(a).CompareTo(Phase(b));
        if (byPhase != 0)
        {
            return byPhase;
        }

        var readyA = PodStates.IsReady(a);
        var readyB = PodStates.IsReady(b);
        if (readyA != readyB)
        {
            return readyA ? 1 : -1;
        }

        var byCost = DeletionCost(a).CompareTo(DeletionCost(b));
        if (byCost != 0)
        {
            return byCost;
        }

        if (rankA != rankB)
        {
            return rankB.CompareTo(rankA);
        }

        if (readyA && readyB && TimeOrder(Typed.Time(PodStates.ReadyCondition(a)!.LastTransitionTime), Typed.Time(PodStates.ReadyCondition(b)!.LastTransitionTime), a, b, now) is { } byReady)
        {
            return byReady;
        }

        var byRestarts = MaxRestarts(b).CompareTo(MaxRestarts(a));
        if (byRestarts != 0)
        {
            return byRestarts;
        }

        return TimeOrder(Typed.Time(a.Metadata.CreationTimestamp), Typed.Time(b.Metadata.CreationTimestamp), a, b, now) ?? 0;
    }

    /// <summary>
    /// For differing times: newer first on the ⌊log₂(now − t in ns)⌋ scale (logarithmicRankDiff), the same rank by UID,
    /// an absent time first (afterOrZero). Null when the times are equal.
    /// </summary>
    private static int? TimeOrder(DateTimeOffset? a, DateTimeOffset? b, V1Pod podA, V1Pod podB, DateTimeOffset now)
    {
        if (a == b)
        {
            return null;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var byRank = LogRank(a.Value, now).CompareTo(LogRank(b.Value, now));
        return byRank != 0 ? byRank : string.CompareOrdinal(podA.Metadata.Uid, podB.Metadata.Uid);
    }

    private static int LogRank(DateTimeOffset time, DateTimeOffset now)
    {
        var nanos = (now - time).Ticks * 100.0;
        return nanos > 0 ? (int)Math.Log2(nanos) : -1;
    }

    private static int Phase(V1Pod pod) => pod.Status?.Phase switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int DeletionCost(V1Pod pod) =>
        pod.Metadata.Annotations?.TryGetValue(DeletionCostAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0;

    private static int MaxRestarts(V1Pod pod) => pod.Status?.ContainerStatuses?.Select(c => c.RestartCount).DefaultIfEmpty(0).Max() ?? 0;
}
