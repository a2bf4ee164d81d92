using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>Volume.N.ConfigFileVolume.{DefaultMode, ConfigFileToPath.N.*}</c>: files from a ConfigMap or Secret.</summary>
public sealed record ConfigFileVolume
{
    /// <summary>The default file mode.</summary>
    public int? DefaultMode { get; init; }

    /// <summary>The files.</summary>
    [WireName("ConfigFileToPath")]
    public required IReadOnlyList<ConfigFileToPath> ConfigFileToPaths { get; init; }
}
