namespace OrleansEci.Grains.Polling;

/// <summary>
/// The cluster's one ECI status poller, keyed by cluster id: a loop beside the grain polls status deltas, events and
/// a periodic full sweep for every group tagged with the cluster, so the number of ECI read calls does not grow with
/// pods or nodes. Pod grains tell it which group is theirs.
/// </summary>
[Alias("eci.IStatusPollerGrain")]
public interface IStatusPollerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Routes the group's changes to the pod grain <paramref name="podKey"/>; <paramref name="fresh"/> polls it by id
    /// (batched with others) until it settles. Idempotent.
    /// </summary>
    [Alias("Track")]
    Task Track(string containerGroupId, string podKey, bool fresh);

    /// <summary>Stops routing a deleted group. Idempotent.</summary>
    [Alias("Forget")]
    Task Forget(string containerGroupId);

    /// <summary>Counters of the loop, for the dashboard and benchmarks.</summary>
    [Alias("GetState")]
    Task<StatusPollerState> GetState();
}
