namespace OrleansEci.Eci.Metrics;

/// <summary>DescribeContainerGroupMetric (eci-openapi.md §3.8).</summary>
public sealed record DescribeContainerGroupMetricRequest
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>The group. Required.</summary>
    public required string ContainerGroupId { get; init; }

    /// <summary>Start (within the last 30 days); with neither time, the last 5 minutes at 15 s.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Seconds per point: 15, 30, 60 (default) or 600.</summary>
    public int? Period { get; init; }
}
