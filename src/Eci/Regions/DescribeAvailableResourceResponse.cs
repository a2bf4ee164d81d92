namespace OrleansEci.Eci.Regions;

/// <summary>
/// DescribeAvailableResource's answer, keeping ECI's XML-heritage wrappers
/// (<c>AvailableZones.AvailableZone[]</c>); <see cref="Zones"/> unwraps them.
/// </summary>
public sealed record DescribeAvailableResourceResponse : EciResponse
{
    /// <summary>The wrapper.</summary>
    public AvailableZoneList? AvailableZones { get; init; }

    /// <summary>The zones, unwrapped.</summary>
    public IReadOnlyList<AvailableZone> Zones => AvailableZones?.AvailableZone ?? [];
}
