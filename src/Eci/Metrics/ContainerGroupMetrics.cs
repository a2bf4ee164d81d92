namespace OrleansEci.Eci.Metrics;

/// <summary>One group's points in DescribeMultiContainerGroupMetric.</summary>
public sealed record ContainerGroupMetrics
{
    /// <summary>The group.</summary>
    public string? ContainerGroupId { get; init; }

    /// <summary>The points.</summary>
    public IReadOnlyList<MetricRecord> Records { get; init; } = [];
}
