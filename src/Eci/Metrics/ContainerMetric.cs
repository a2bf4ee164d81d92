namespace OrleansEci.Eci.Metrics;

/// <summary>One container's CPU and memory.</summary>
public sealed record ContainerMetric
{
    /// <summary>The container.</summary>
    public string? Name { get; init; }

    /// <summary>CPU.</summary>
    public CpuMetric? Cpu { get; init; }

    /// <summary>Memory.</summary>
    public MemoryMetric? Memory { get; init; }
}
