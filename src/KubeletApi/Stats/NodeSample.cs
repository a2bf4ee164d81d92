using OrleansEci.KubeletApi.Errors;

namespace OrleansEci.KubeletApi.Stats;

/// <summary>
/// A node's pods' usage as read at <see cref="Time"/>, or the <see cref="Problem"/> that kept it from being read. The
/// node's own usage is the sum of its pods (a virtual node has no machine of its own).
/// </summary>
internal sealed record NodeSample(string Node, DateTimeOffset StartTime, DateTimeOffset Time, IReadOnlyList<PodSample> Pods, KubeletProblem? Problem)
{
    public long UsageNanoCores => Math.Max(1, Pods.Sum(p => p.Usage.UsageNanoCores));

    public long UsageCoreNanoSeconds => Math.Max(1, Pods.Sum(p => p.Usage.UsageCoreNanoSeconds));

    public long WorkingSetBytes => Math.Max(1, Pods.Sum(p => p.Usage.WorkingSetBytes));

    public long UsageBytes => Math.Max(1, Pods.Sum(p => p.Usage.UsageBytes ?? p.Usage.WorkingSetBytes));
}
