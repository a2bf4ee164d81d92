namespace OrleansEci.Eci.Metrics;

/// <summary>CPU use.</summary>
public sealed record CpuMetric
{
    /// <summary>The limit in millicores (vCPU × 1000).</summary>
    public long? Limit { get; init; }

    /// <summary>Load.</summary>
    public long? Load { get; init; }

    /// <summary>Cumulative core nanoseconds.</summary>
    public long? UsageCoreNanoSeconds { get; init; }

    /// <summary>Current nanocores.</summary>
    public long? UsageNanoCores { get; init; }
}
