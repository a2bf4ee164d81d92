namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>Volume.N.HostPathVolume.{Path, Type}</c> (whitelisted accounts only).</summary>
public sealed record HostPathVolume
{
    /// <summary>The host path.</summary>
    public required string Path { get; init; }

    /// <summary><c>Directory</c> or <c>File</c>.</summary>
    public string? Type { get; init; }
}
