namespace OrleansEci.Eci.ContainerGroups;

/// <summary>Added capabilities as ECI returns them.</summary>
public sealed record CapabilityInfo
{
    /// <summary>The capabilities.</summary>
    public IReadOnlyList<string> Adds { get; init; } = [];
}
