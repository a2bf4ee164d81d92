using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// <c>Volume.N.*</c> (≤ 20 per group): a name, a <c>Type</c> and the matching block. Set exactly one
/// block; <see cref="Type"/> follows from it unless given.
/// </summary>
public sealed record Volume
{
    /// <summary>The volume's name, referenced by volume mounts.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// <c>EmptyDirVolume</c>, <c>NFSVolume</c>, <c>ConfigFileVolume</c>, <c>DiskVolume</c>,
    /// <c>FlexVolume</c> or <c>HostPathVolume</c>; by default the name of the block that is set.
    /// </summary>
    public string? Type
    {
        get => field ?? InferType();
        init;
    }

    /// <summary>An empty directory.</summary>
    public EmptyDirVolume? EmptyDirVolume { get; init; }

    /// <summary>An NFS mount.</summary>
    [WireName("NFSVolume")]
    public NfsVolume? NfsVolume { get; init; }

    /// <summary>Files given inline.</summary>
    public ConfigFileVolume? ConfigFileVolume { get; init; }

    /// <summary>A cloud disk.</summary>
    public DiskVolume? DiskVolume { get; init; }

    /// <summary>A flex volume.</summary>
    public FlexVolume? FlexVolume { get; init; }

    /// <summary>A host path.</summary>
    public HostPathVolume? HostPathVolume { get; init; }

    private string? InferType() =>
        EmptyDirVolume is not null ? "EmptyDirVolume"
        : NfsVolume is not null ? "NFSVolume"
        : ConfigFileVolume is not null ? "ConfigFileVolume"
        : DiskVolume is not null ? "DiskVolume"
        : FlexVolume is not null ? "FlexVolume"
        : HostPathVolume is not null ? "HostPathVolume"
        : null;
}
