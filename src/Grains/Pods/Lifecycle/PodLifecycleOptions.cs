namespace OrleansEci.Grains.Pods.Lifecycle;

/// <summary>How pod grains create, retry and delete (section <c>Pods</c>).</summary>
public sealed class PodLifecycleOptions
{
    public const string SectionName = "Pods";

    /// <summary>
    /// Create attempts before a pod is left Pending (or Failed with <c>k8s.aliyun.com/pod-fail-on-create-err</c>). Each
    /// attempt already includes the ECI client's own retries of throttled and transient answers. Default 8.
    /// </summary>
    public int MaxCreateAttempts { get; set; } = 8;

    /// <summary>Back-off after the first failed attempt, doubling per attempt. Default 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest back-off between attempts. Default 5 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A group tagged with a pod that no longer exists is deleted only once it is older than this, so a pod whose
    /// watch event is late is never robbed of its group. Default 2 min.
    /// </summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a deleting pod checks whether its group is gone. Default 2 s.</summary>
    public TimeSpan DeletionCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a running pod that mounts ConfigMaps or Secrets checks whether they changed (the kubelet re-reads them
    /// on its 1-minute pod sync). Default 1 min.
    /// </summary>
    public TimeSpan VolumeRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long before its spot instance is released a pod with an owner controller (or with
    /// <c>k8s.aliyun.com/eci-spot-release-strategy: api-evict</c>) is evicted through the Eviction API, so that its
    /// replacement is scheduled and running before the instance disappears. ECI gives about 3 minutes' notice, so the
    /// default (3 min) evicts as soon as the notice arrives; a smaller value keeps the pod serving longer. Default 3 min.
    /// </summary>
    public TimeSpan SpotEvictionLead { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How often a refused eviction (429: a PodDisruptionBudget allows no disruption now) is tried again until the
    /// release. The API server suggests 10 s (pkg/registry/core/pod/storage/eviction.go). Default 5 s.
    /// </summary>
    public TimeSpan SpotEvictionRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The notice assumed when ECI's SpotToBeReleased message does not say in how many minutes the instance goes.
    /// Default 3 min (eci-annotations-current.md §4).
    /// </summary>
    public TimeSpan SpotReleaseNotice { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Whether a bare pod (no owner controller) with restartPolicy Always whose spot instance was released is created
    /// again on a fresh container group, which Kubernetes sees as a container restart. Off by default: Kubernetes itself
    /// never moves a bare pod, and the pod ends Failed with reason BidFailed as on ACK.
    /// </summary>
    public bool RecreateBareSpotPods { get; set; }

    public void Validate()
    {
        if (SpotEvictionLead < TimeSpan.Zero || SpotEvictionRetryInterval <= TimeSpan.Zero || SpotReleaseNotice <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "Pods: SpotEvictionLead must not be negative, SpotEvictionRetryInterval and SpotReleaseNotice must be positive (defaults 3 min, 5 s, 3 min).");
        }

        if (MaxCreateAttempts < 1)
        {
            throw new InvalidOperationException($"Pods:MaxCreateAttempts ({MaxCreateAttempts}) must be at least 1. Default 8.");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || OrphanGracePeriod < TimeSpan.Zero || DeletionCheckInterval <= TimeSpan.Zero || VolumeRefreshInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "Pods: RetryBaseDelay must be positive and at most RetryMaxDelay; OrphanGracePeriod not negative; DeletionCheckInterval and VolumeRefreshInterval positive (defaults 2 s, 5 min, 2 min, 2 s, 1 min).");
        }
    }
}
