namespace OrleansEci.Eci.Regions;

/// <summary>A resource kind in a zone.</summary>
public sealed record AvailableResource
{
    /// <summary>The kind, e.g. <c>InstanceType</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The wrapper of supported resources.</summary>
    public SupportedResourceList? SupportedResources { get; init; }
}
