namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A container's security context as ECI returns it (<c>Capability.Adds</c>).</summary>
public sealed record ContainerSecurityContextInfo
{
    /// <summary>Added capabilities.</summary>
    public CapabilityInfo? Capability { get; init; }

    /// <summary>Read-only root file system.</summary>
    public bool? ReadOnlyRootFilesystem { get; init; }

    /// <summary>The user id.</summary>
    public long? RunAsUser { get; init; }
}
