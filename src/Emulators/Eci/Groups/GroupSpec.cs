namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>A validated CreateContainerGroup request (or the replacement parts of an UpdateContainerGroup).</summary>
internal sealed record GroupSpec
{
    public required string Name { get; init; }
    public string? ZoneId { get; init; }
    public string? SecurityGroupId { get; init; }
    public IReadOnlyList<string> VSwitchIds { get; init; } = [];
    public string ScheduleStrategy { get; init; } = "VSwitchOrdered";
    public double? Cpu { get; init; }
    public double? Memory { get; init; }
    public IReadOnlyList<string> InstanceTypes { get; init; } = [];
    public string RestartPolicy { get; init; } = "Always";
    public long? TerminationGracePeriodSeconds { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
    public string SpotStrategy { get; init; } = "NoSpot";
    public decimal? SpotPriceLimit { get; init; }
    public int SpotDurationHours { get; init; } = 1;
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];
    public IReadOnlyList<ContainerSpec> Containers { get; init; } = [];
    public IReadOnlyList<ContainerSpec> InitContainers { get; init; } = [];
    public IReadOnlyList<VolumeSpec> Volumes { get; init; } = [];
    public string? HostName { get; init; }
    public string? DnsPolicy { get; init; }
    public string? RamRoleName { get; init; }
    public string? ResourceGroupId { get; init; }
    public int? EphemeralStorage { get; init; }
    public IReadOnlyList<string> ComputeCategory { get; init; } = [];
    public IReadOnlyList<string> DnsNameServers { get; init; } = [];
    public IReadOnlyList<string> DnsSearches { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string?>> DnsOptions { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> HostAliases { get; init; } = [];

    public bool IsSpot => SpotStrategy != "NoSpot";
}
