namespace OrleansEci.Eci.Metrics;

/// <summary>One metric point of a group.</summary>
public sealed record MetricRecord
{
    /// <summary>When.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>CPU (wire name <c>CPU</c>).</summary>
    public CpuMetric? Cpu { get; init; }

    /// <summary>Memory.</summary>
    public MemoryMetric? Memory { get; init; }

    /// <summary>Network.</summary>
    public NetworkMetric? Network { get; init; }

    /// <summary>Block devices.</summary>
    public IReadOnlyList<DiskMetric> Disk { get; init; } = [];

    /// <summary>File systems.</summary>
    public IReadOnlyList<FilesystemMetric> Filesystem { get; init; } = [];

    /// <summary>Per container.</summary>
    public IReadOnlyList<ContainerMetric> Containers { get; init; } = [];
}
