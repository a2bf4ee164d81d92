namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>Volume.N.NFSVolume.{Server, Path, ReadOnly}</c>.</summary>
public sealed record NfsVolume
{
    /// <summary>The NFS server.</summary>
    public required string Server { get; init; }

    /// <summary>The exported path.</summary>
    public required string Path { get; init; }

    /// <summary>Read-only mount.</summary>
    public bool? ReadOnly { get; init; }
}
