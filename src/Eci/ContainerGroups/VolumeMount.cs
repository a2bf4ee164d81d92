namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>VolumeMount.N.{Name, MountPath, ReadOnly, SubPath, MountPropagation}</c>.</summary>
public sealed record VolumeMount
{
    /// <summary>The volume's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where it appears in the container.</summary>
    public required string MountPath { get; init; }

    /// <summary>Read-only mount.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>A sub-directory of the volume.</summary>
    public string? SubPath { get; init; }

    /// <summary><c>None</c> (default), <c>HostToContainer</c> or <c>Bidirectional</c>.</summary>
    public string? MountPropagation { get; init; }
}
