namespace OrleansEci.Eci.Regions;

/// <summary>DescribeRegions (eci-openapi.md §3.9).</summary>
public sealed record DescribeRegionsRequest
{
    /// <summary>Only this region; default: the client's.</summary>
    public string? RegionId { get; init; }
}
