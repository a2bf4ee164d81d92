namespace OrleansEci.Eci.Regions;

/// <summary>The <c>SupportedResources</c> wrapper.</summary>
public sealed record SupportedResourceList
{
    /// <summary>The resources.</summary>
    public IReadOnlyList<SupportedResource> SupportedResource { get; init; } = [];
}
