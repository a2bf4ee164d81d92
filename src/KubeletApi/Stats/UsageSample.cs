namespace OrleansEci.KubeletApi.Stats;

/// <summary>
/// CPU and memory of a pod or container at <see cref="Time"/>, from one ECI metric record. Never zero: metrics-server
/// reads 0 as "missing" and drops the whole pod (kubectl-wire.md §8), so values are floored at 1 ns and 1 byte.
/// </summary>
internal sealed record UsageSample(DateTimeOffset Time, long UsageNanoCores, long UsageCoreNanoSeconds, long WorkingSetBytes)
{
    public long? UsageBytes { get; init; }

    public long? AvailableBytes { get; init; }

    public long? RssBytes { get; init; }
}
