namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>One availability zone of the emulated region.</summary>
public sealed class ZoneOptions
{
    /// <summary>Zone id, e.g. <c>cn-hangzhou-h</c>. Required.</summary>
    public string ZoneId { get; set; } = "";

    /// <summary>False marks the zone as listed in <c>UnavailableZones</c> and refuses placements there. Default true.</summary>
    public bool Available { get; set; } = true;
}
