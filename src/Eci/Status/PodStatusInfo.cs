namespace OrleansEci.Eci.Status;

/// <summary>The Kubernetes-style <c>PodStatus</c> of DescribeContainerGroupStatus.</summary>
public sealed record PodStatusInfo
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; init; }

    /// <summary>The host IP.</summary>
    public string? HostIp { get; init; }

    /// <summary>The pod IP.</summary>
    public string? PodIp { get; init; }

    /// <summary>All pod IPs.</summary>
    public IReadOnlyList<PodIpInfo> PodIps { get; init; } = [];

    /// <summary>The QoS class.</summary>
    public string? QosClass { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The conditions (PodScheduled, Ready, ContainerInstanceCreated, ...).</summary>
    public IReadOnlyList<PodConditionInfo> Conditions { get; init; } = [];

    /// <summary>The containers.</summary>
    public IReadOnlyList<ContainerStatusInfo> ContainerStatuses { get; init; } = [];
}
