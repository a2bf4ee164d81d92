namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A container's <c>SecurityContext.{Capability.Add.N, ReadOnlyRootFilesystem, RunAsUser}</c>.</summary>
public sealed record ContainerSecurityContext
{
    /// <summary>Capabilities to add.</summary>
    public Capability? Capability { get; init; }

    /// <summary>Mount the root file system read-only.</summary>
    public bool? ReadOnlyRootFilesystem { get; init; }

    /// <summary>The user id to run as.</summary>
    public long? RunAsUser { get; init; }
}
