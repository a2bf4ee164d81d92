namespace OrleansEci.Eci.Regions;

/// <summary>The <c>AvailableResources</c> wrapper.</summary>
public sealed record AvailableResourceList
{
    /// <summary>The resources.</summary>
    public IReadOnlyList<AvailableResource> AvailableResource { get; init; } = [];
}
