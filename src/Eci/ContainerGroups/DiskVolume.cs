namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>Volume.N.DiskVolume.{DiskId, DiskSize, FsType}</c>: a cloud disk.</summary>
public sealed record DiskVolume
{
    /// <summary>The disk id (<c>d-...</c>).</summary>
    public string? DiskId { get; init; }

    /// <summary>The size in GiB.</summary>
    public int? DiskSize { get; init; }

    /// <summary>The file system, e.g. <c>ext4</c>.</summary>
    public string? FsType { get; init; }
}
