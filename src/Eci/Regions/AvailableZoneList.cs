namespace OrleansEci.Eci.Regions;

/// <summary>The <c>AvailableZones</c> wrapper.</summary>
public sealed record AvailableZoneList
{
    /// <summary>The zones.</summary>
    public IReadOnlyList<AvailableZone> AvailableZone { get; init; } = [];
}
