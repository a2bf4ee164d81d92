namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A volume as ECI returns it: one flat record whose fields depend on <see cref="Type"/>.</summary>
public sealed record VolumeInfo
{
    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>EmptyDirVolume, NFSVolume, ConfigFileVolume, DiskVolume, FlexVolume or HostPathVolume.</summary>
    public string? Type { get; init; }

    /// <summary>NFS path.</summary>
    public string? NFSVolumePath { get; init; }

    /// <summary>NFS server.</summary>
    public string? NFSVolumeServer { get; init; }

    /// <summary>NFS read-only.</summary>
    public bool? NFSVolumeReadOnly { get; init; }

    /// <summary>Disk id.</summary>
    public string? DiskVolumeDiskId { get; init; }

    /// <summary>Disk file system.</summary>
    public string? DiskVolumeFsType { get; init; }

    /// <summary>Flex driver.</summary>
    public string? FlexVolumeDriver { get; init; }

    /// <summary>Flex file system.</summary>
    public string? FlexVolumeFsType { get; init; }

    /// <summary>Flex options (JSON text).</summary>
    public string? FlexVolumeOptions { get; init; }

    /// <summary>EmptyDir medium.</summary>
    public string? EmptyDirVolumeMedium { get; init; }

    /// <summary>EmptyDir size limit.</summary>
    public string? EmptyDirVolumeSizeLimit { get; init; }

    /// <summary>ConfigFile files.</summary>
    public IReadOnlyList<ConfigFileToPath> ConfigFileVolumeConfigFileToPaths { get; init; } = [];
}
