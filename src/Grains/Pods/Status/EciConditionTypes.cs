namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// Pod condition types: the kubelet's five and ECI's own (eci-annotations-current.md §4), with the reasons ECI puts on
/// ContainerInstanceCreated when creation is slow or fails.
/// </summary>
internal static class EciConditionTypes
{
    public const string PodReadyToStartContainers = "PodReadyToStartContainers";

    public const string Initialized = "Initialized";

    public const string Ready = "Ready";

    public const string ContainersReady = "ContainersReady";

    public const string PodScheduled = "PodScheduled";

    public const string DisruptionTarget = "DisruptionTarget";

    public const string ContainerInstanceCreated = "ContainerInstanceCreated";

    public const string ContainerInstanceExpired = "ContainerInstanceExpired";

    /// <summary>ContainerInstanceCreated's reason while ECI is still creating.</summary>
    public const string Creating = "Creating";

    /// <summary>The event (and ContainerInstanceExpired reason) about 3–5 minutes before a spot instance is released.</summary>
    public const string SpotToBeReleased = "SpotToBeReleased";

    /// <summary>
    /// The DisruptionTarget reason a kubelet gives a pod it is about to terminate because its node goes away (graceful node
    /// shutdown, pkg/kubelet/nodeshutdown) or is under pressure (pkg/kubelet/eviction): a spot release is the instance, and
    /// so the pod's "node", going away. The PDB controller leaves conditions with this reason alone
    /// (pkg/controller/disruption, nonTerminatingPodHasStaleDisruptionCondition).
    /// </summary>
    public const string TerminationByKubelet = "TerminationByKubelet";

    /// <summary>The pod reason ACK gives a pod whose spot instance was released (eci-openapi.md §4.2).</summary>
    public const string BidFailed = "BidFailed";

    /// <summary>Condition types the mapper computes itself; ECI's copies of them are not passed through.</summary>
    public static readonly IReadOnlySet<string> Computed = new HashSet<string>(StringComparer.Ordinal)
    {
        PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled, ContainerInstanceCreated, ContainerInstanceExpired,

        // In ECI's condition enum (eci-openapi.md §3.3) but a PodScheduled reason in Kubernetes, never a condition type.
        "Unschedulable",
    };

    /// <summary>
    /// Reasons of ContainerInstanceCreated=False (eci-annotations-current.md §4) and of the resource events that stop a
    /// creation (eci-on-kubernetes.md §6): a Warning event with one of these explains a Scheduling or ScheduleFailed group.
    /// </summary>
    public static readonly IReadOnlySet<string> CreationProblems = new HashSet<string>(StringComparer.Ordinal)
    {
        "StockExhaust", "NoStock", "StockClose", "FailedScheduling", "UnknownError", "DiskCapacityQuotaFull",
        "CpuOptionsNotSupported", "CpuOptionsNotValid", "Throttling", "Unauthorized", "ResourceInsufficient", "QuotaFull",
        "CreateEipFailed",
    };
}
