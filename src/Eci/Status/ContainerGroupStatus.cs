namespace OrleansEci.Eci.Status;

/// <summary>One group in DescribeContainerGroupStatus' <c>Data</c>.</summary>
public sealed record ContainerGroupStatus
{
    /// <summary>The id.</summary>
    public string? ContainerGroupId { get; init; }

    /// <summary>The pod name (for groups created by a virtual node).</summary>
    public string? Name { get; init; }

    /// <summary>The pod namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The pod uid (wire name <c>uuid</c>).</summary>
    public string? Uuid { get; init; }

    /// <summary>The ECI status.</summary>
    public string? Status { get; init; }

    /// <summary>Annotations as JSON text.</summary>
    public string? Annotations { get; init; }

    /// <summary>The Kubernetes-style status.</summary>
    public PodStatusInfo? PodStatus { get; init; }
}
