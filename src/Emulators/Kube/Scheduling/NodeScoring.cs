using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// The default profile's score plugins that apply here, with their default weights (pkg/scheduler/apis/config/v1
/// default_plugins.go): TaintToleration ×3 (fewer untolerated PreferNoSchedule taints is better), NodeAffinity ×2
/// (preferred terms' weights), NodeResourcesFit ×1 (LeastAllocated on cpu and memory) and NodeResourcesBalancedAllocation ×1.
/// Each plugin's scores are normalised to 0..100 as the plugins do (helper.DefaultNormalizeScore).
/// </summary>
internal static class NodeScoring
{
    private const long MaxNodeScore = 100;

    public static long[] Score(V1PodSpec pod, IReadOnlyList<NodeInfo> nodes)
    {
        var podNonZero = PodRequests.Of(pod, nonZero: true);
        var taints = Normalize([.. nodes.Select(n => (long)IntolerablePreferNoSchedule(pod, n.Node!))], reverse: true);
        var affinity = Normalize([.. nodes.Select(n => NodeAffinity.PreferredScore(pod, n.Node!))], reverse: false);
        var scores = new long[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (cpuFraction, memoryFraction, least) = Allocation(podNonZero, nodes[i]);
            var balanced = (long)((1 - (Math.Abs(cpuFraction - memoryFraction) / 2)) * MaxNodeScore);
            scores[i] = (3 * taints[i]) + (2 * affinity[i]) + least + balanced;
        }

        return scores;
    }

    private static int IntolerablePreferNoSchedule(V1PodSpec pod, V1Node node)
    {
        var tolerations = pod.Tolerations?.Where(t => string.IsNullOrEmpty(t.Effect) || t.Effect == Tolerations.PreferNoSchedule).ToList();
        return node.Spec?.Taints?.Count(t => t.Effect == Tolerations.PreferNoSchedule && !Tolerations.Tolerated(tolerations, t)) ?? 0;
    }

    /// <summary>LeastAllocated (mean of (allocatable − requested) × 100 / allocatable) and the fractions BalancedAllocation uses.</summary>
    private static (double Cpu, double Memory, long Least) Allocation(ResourceSet podNonZero, NodeInfo node)
    {
        var cpuRequested = node.NonZeroRequested.MilliCpu + podNonZero.MilliCpu;
        var memoryRequested = node.NonZeroRequested.MemoryBytes + podNonZero.MemoryBytes;
        var least = (LeastAllocated(cpuRequested, node.Allocatable.MilliCpu) + LeastAllocated(memoryRequested, node.Allocatable.MemoryBytes)) / 2;
        return (Fraction(cpuRequested, node.Allocatable.MilliCpu), Fraction(memoryRequested, node.Allocatable.MemoryBytes), least);
    }

    private static long LeastAllocated(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * MaxNodeScore / capacity;

    private static double Fraction(long requested, long capacity) => capacity == 0 ? 1 : Math.Min(1, (double)requested / capacity);

    private static long[] Normalize(long[] scores, bool reverse)
    {
        var max = scores.Length == 0 ? 0 : scores.Max();
        for (var i = 0; i < scores.Length; i++)
        {
            if (max == 0)
            {
                scores[i] = reverse ? MaxNodeScore : 0;
                continue;
            }

            var score = MaxNodeScore * scores[i] / max;
            scores[i] = reverse ? MaxNodeScore - score : score;
        }

        return scores;
    }
}
