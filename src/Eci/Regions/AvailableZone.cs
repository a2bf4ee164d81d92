namespace OrleansEci.Eci.Regions;

/// <summary>A zone and what it has in stock.</summary>
public sealed record AvailableZone
{
    /// <summary>The region.</summary>
    public string? RegionId { get; init; }

    /// <summary>The zone.</summary>
    public string? ZoneId { get; init; }

    /// <summary>The wrapper of resources.</summary>
    public AvailableResourceList? AvailableResources { get; init; }
}
