namespace OrleansEci.Eci.Regions;

/// <summary>DescribeRegions' answer.</summary>
public sealed record DescribeRegionsResponse : EciResponse
{
    /// <summary>The regions.</summary>
    public IReadOnlyList<RegionInfo> Regions { get; init; } = [];
}
