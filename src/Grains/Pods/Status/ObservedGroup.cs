using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// What ECI said about one container group, from DescribeContainerGroupStatus or DescribeContainerGroups, normalised so one
/// function builds the pod status from either. Containers are keyed by name; names the pod does not have are dropped later.
/// </summary>
internal sealed record ObservedGroup
{
    public string? GroupId { get; init; }

    /// <summary>The ECI status, as sent (may be null or unknown).</summary>
    public string? Status { get; init; }

    /// <summary>The phase ECI computed itself (status poller only); used when the ECI status says nothing.</summary>
    public string? EciPhase { get; init; }

    public IReadOnlyList<string> PodIps { get; init; } = [];

    public DateTime? StartTime { get; init; }

    public IReadOnlyDictionary<string, ObservedContainer> Containers { get; init; } = new Dictionary<string, ObservedContainer>();

    /// <summary>Init containers; the status poller does not report them (eci-openapi.md §3.3), the full group does.</summary>
    public IReadOnlyDictionary<string, ObservedContainer>? InitContainers { get; init; }

    /// <summary>Conditions ECI sent itself (status poller), as sent.</summary>
    public IReadOnlyList<V1PodCondition> Conditions { get; init; } = [];

    /// <summary>Why creation is slow or failed (<c>NoStock</c>, ...): from the ContainerInstanceCreated condition or a Warning event.</summary>
    public (string Reason, string Message)? CreationProblem { get; init; }

    /// <summary>The spot reclaim notice (<c>SpotToBeReleased</c> event), when there was one.</summary>
    public (string Message, DateTime? At)? SpotNotice { get; init; }
}
