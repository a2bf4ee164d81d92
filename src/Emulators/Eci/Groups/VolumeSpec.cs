namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>A volume as sent in <c>Volume.N.*</c>. ConfigFile contents are kept decoded, for <c>cat</c> in exec.</summary>
internal sealed record VolumeSpec
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? NfsServer { get; init; }
    public string? NfsPath { get; init; }
    public bool NfsReadOnly { get; init; }
    public string? EmptyDirMedium { get; init; }
    public string? EmptyDirSizeLimit { get; init; }
    public string? DiskId { get; init; }
    public string? FsType { get; init; }
    public string? FlexDriver { get; init; }
    public string? FlexOptions { get; init; }
    public string? HostPath { get; init; }

    /// <summary>ConfigFile entries: relative path and Base64 content as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConfigFiles { get; init; } = [];
}
