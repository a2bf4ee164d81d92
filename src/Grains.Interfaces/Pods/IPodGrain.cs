using Orleans.Concurrency;

namespace OrleansEci.Grains.Pods;

/// <summary>
/// One pod bound to a virtual node, keyed <c>namespace/name</c>; it owns the pod's ECI container group. Every method is
/// idempotent and may be called again with the same or an older observation (the watch, the poller and reconcile all
/// feed it); a call for another UID than the pod the grain holds means the name was reused and is handled as a new pod.
/// </summary>
[Alias("eci.IPodGrain")]
public interface IPodGrain : IGrainWithStringKey
{
    /// <summary>
    /// The pod as the API server has it now (watch, list or resync), or its deletion. Returns once the observation is
    /// recorded, even while the grain is busy (it interleaves); creation, updates and deletion run in later turns.
    /// </summary>
    [Alias("Observe"), AlwaysInterleave]
    Task Observe(PodObservation observation);

    /// <summary>What the status poller saw of the grain's container group. Stale or repeated views are harmless.</summary>
    [Alias("OnGroup"), AlwaysInterleave]
    Task OnGroup(GroupObservation observation);

    /// <summary>
    /// A container group tagged with this pod's key that the grain may not know (found by a sweep). The grain adopts it
    /// when the UID matches and it has no other group, and deletes it when its pod is gone and the orphan grace period
    /// has passed. Never deletes the group of a live pod.
    /// </summary>
    [Alias("Claim")]
    Task Claim(GroupClaim claim);

    /// <summary>The grain's view, for the kubelet API and the dashboard. Side-effect free.</summary>
    [Alias("GetState"), AlwaysInterleave]
    Task<PodGrainState> GetState();
}
