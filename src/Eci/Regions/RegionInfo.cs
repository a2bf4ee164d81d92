namespace OrleansEci.Eci.Regions;

/// <summary>A region and its zones.</summary>
public sealed record RegionInfo
{
    /// <summary>The region id.</summary>
    public string? RegionId { get; init; }

    /// <summary>Its endpoint host.</summary>
    public string? RegionEndpoint { get; init; }

    /// <summary>All zones.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>Zones with relatively plenty of stock.</summary>
    public IReadOnlyList<string> RecommendZones { get; init; } = [];

    /// <summary>Zones that may be faulty.</summary>
    public IReadOnlyList<string> UnavailableZones { get; init; } = [];
}
