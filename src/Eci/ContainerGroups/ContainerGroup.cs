namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A container group as DescribeContainerGroups returns it (eci-openapi.md §3.2).</summary>
public sealed record ContainerGroup
{
    /// <summary>The id (<c>eci-...</c>).</summary>
    public string? ContainerGroupId { get; init; }

    /// <summary>The name.</summary>
    public string? ContainerGroupName { get; init; }

    /// <summary>The region.</summary>
    public string? RegionId { get; init; }

    /// <summary>The zone it runs in.</summary>
    public string? ZoneId { get; init; }

    /// <summary>The VPC.</summary>
    public string? VpcId { get; init; }

    /// <summary>The vSwitch it got its IP from.</summary>
    public string? VSwitchId { get; init; }

    /// <summary>The security group.</summary>
    public string? SecurityGroupId { get; init; }

    /// <summary>The resource group.</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary>Scheduling, ScheduleFailed, Pending, Running, Succeeded, Failed, Restarting, Updating, Terminating or Expired.</summary>
    public string? Status { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>When it succeeded.</summary>
    public DateTimeOffset? SucceededTime { get; init; }

    /// <summary>When it failed.</summary>
    public DateTimeOffset? FailedTime { get; init; }

    /// <summary>When it expired.</summary>
    public DateTimeOffset? ExpiredTime { get; init; }

    /// <summary>vCPUs.</summary>
    public double? Cpu { get; init; }

    /// <summary>Memory in GiB.</summary>
    public double? Memory { get; init; }

    /// <summary>The ECS instance type, when one was used.</summary>
    public string? InstanceType { get; init; }

    /// <summary>economy or general.</summary>
    public string? ComputeCategory { get; init; }

    /// <summary>Additional temporary storage in GiB.</summary>
    public int? EphemeralStorage { get; init; }

    /// <summary>Discount.</summary>
    public int? Discount { get; init; }

    /// <summary>The private IP.</summary>
    public string? IntranetIp { get; init; }

    /// <summary>The public IP (EIP).</summary>
    public string? InternetIp { get; init; }

    /// <summary>The IPv6 address.</summary>
    public string? Ipv6Address { get; init; }

    /// <summary>The ENI.</summary>
    public string? EniInstanceId { get; init; }

    /// <summary>The restart policy.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>The RAM role.</summary>
    public string? RamRoleName { get; init; }

    /// <summary>The DNS policy.</summary>
    public string? DnsPolicy { get; init; }

    /// <summary>The spot strategy.</summary>
    public string? SpotStrategy { get; init; }

    /// <summary>The spot price limit (SpotWithPriceLimit only).</summary>
    public double? SpotPriceLimit { get; init; }

    /// <summary>The tags.</summary>
    public IReadOnlyList<Tag> Tags { get; init; } = [];

    /// <summary>/etc/hosts entries.</summary>
    public IReadOnlyList<HostAlias> HostAliases { get; init; } = [];

    /// <summary>The DNS configuration.</summary>
    public DnsConfigInfo? DnsConfig { get; init; }

    /// <summary>Group-level sysctls.</summary>
    public PodSecurityContext? EciSecurityContext { get; init; }

    /// <summary>Recent events (≤ 50; only with WithEvent).</summary>
    public IReadOnlyList<ContainerGroupEvent> Events { get; init; } = [];

    /// <summary>The app containers.</summary>
    public IReadOnlyList<ContainerInfo> Containers { get; init; } = [];

    /// <summary>The init containers.</summary>
    public IReadOnlyList<ContainerInfo> InitContainers { get; init; } = [];

    /// <summary>The volumes.</summary>
    public IReadOnlyList<VolumeInfo> Volumes { get; init; } = [];

    /// <summary>Tenant ENI (not publicly documented).</summary>
    public string? TenantEniInstanceId { get; init; }

    /// <summary>Tenant ENI IP (not publicly documented).</summary>
    public string? TenantEniIp { get; init; }

    /// <summary>Tenant security group (not publicly documented).</summary>
    public string? TenantSecurityGroupId { get; init; }

    /// <summary>Tenant vSwitch (not publicly documented).</summary>
    public string? TenantVSwitchId { get; init; }
}
