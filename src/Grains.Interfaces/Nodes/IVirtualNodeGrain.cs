using Orleans.Concurrency;

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

    /// <summary>
    /// ECI refused a create because the account's vCPU quota is used up: the node's allocatable CPU shrinks to what its
    /// pods already request, so the scheduler stops sending pods that cannot be created, until the quota knowledge
    /// decays (a few minutes) and it is tried again. Idempotent.
    /// </summary>
    [Alias("ReportAccountQuotaExhausted")]
    Task ReportAccountQuotaExhausted();

    /// <summary>The node's counters, for the dashboard and the sandbox view. Side-effect free; answers even mid-turn.</summary>
    [Alias("GetState"), AlwaysInterleave]
    Task<VirtualNodeState> GetState();
}
