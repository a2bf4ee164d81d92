namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>Volume.N.FlexVolume.{Driver, FsType, Options}</c>.</summary>
public sealed record FlexVolume
{
    /// <summary>The driver, e.g. <c>alicloud/disk</c>.</summary>
    public required string Driver { get; init; }

    /// <summary>The file system.</summary>
    public string? FsType { get; init; }

    /// <summary>The driver's options as JSON text.</summary>
    public string? Options { get; init; }
}
