using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.Metrics;

/// <summary>DescribeMultiContainerGroupMetric (eci-openapi.md §3.8).</summary>
public sealed record DescribeMultiContainerGroupMetricRequest
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>The groups (≤ 20), sent as a JSON array. Required.</summary>
    [WireFormat(WireFormat.JsonText)]
    public required IReadOnlyList<string> ContainerGroupIds { get; init; }

    /// <summary><c>summary</c>.</summary>
    public string? MetricType { get; init; }

    /// <summary>The resource group.</summary>
    public string? ResourceGroupId { get; init; }
}
