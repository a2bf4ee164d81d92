namespace OrleansEci.Grains.Nodes;

/// <summary>
/// One virtual node, keyed by node name: its Node object and Lease, and the watch of the pods bound to it, which runs
/// beside the grain while it is active. Every silo pings the configured nodes, so a node whose silo died is
/// reactivated elsewhere within one ping period.
/// </summary>
[Alias("eci.IVirtualNodeGrain")]
public interface IVirtualNodeGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the node is registered and its loops run. Idempotent and cheap when they already do.</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunning();

    /// <summary>The node's counters, for the dashboard and the sandbox view. Side-effect free.</summary>
    [Alias("GetState")]
    Task<VirtualNodeState> GetState();
}
