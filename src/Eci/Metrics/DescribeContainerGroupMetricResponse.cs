namespace OrleansEci.Eci.Metrics;

/// <summary>DescribeContainerGroupMetric's answer.</summary>
public sealed record DescribeContainerGroupMetricResponse : EciResponse
{
    /// <summary>The group.</summary>
    public string? ContainerGroupId { get; init; }

    /// <summary>The points.</summary>
    public IReadOnlyList<MetricRecord> Records { get; init; } = [];
}
