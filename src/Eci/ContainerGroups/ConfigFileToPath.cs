namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// A file of a ConfigFile volume, <c>ConfigFileToPath.N.{Path, Content, Mode}</c>. <see cref="Content"/>
/// is Base64 (file ≤ 32 KB, all files ≤ 60 KB). Also the shape ECI returns (without Mode).
/// </summary>
public sealed record ConfigFileToPath
{
    /// <summary>The file's path relative to the mount.</summary>
    public required string Path { get; init; }

    /// <summary>The Base64 content.</summary>
    public string? Content { get; init; }

    /// <summary>The file mode, e.g. 420 (0644).</summary>
    public int? Mode { get; init; }
}
