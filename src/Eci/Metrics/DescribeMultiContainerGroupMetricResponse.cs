namespace OrleansEci.Eci.Metrics;

/// <summary>DescribeMultiContainerGroupMetric's answer.</summary>
public sealed record DescribeMultiContainerGroupMetricResponse : EciResponse
{
    /// <summary>One entry per group.</summary>
    public IReadOnlyList<ContainerGroupMetrics> MonitorDatas { get; init; } = [];
}
