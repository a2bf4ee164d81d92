using Orleans.Concurrency;

namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// The pods of one virtual node (keyed by node name) as rows the dashboard can list and filter without calling every
/// pod grain. Fed by the pod grains: a row is put when what it shows changes and removed when the pod is gone. Kept in
/// memory only, one small row per pod (a few hundred bytes: 10,000 pods are a few MB); after the index grain's silo dies
/// it is rebuilt as the pod grains next report (each reports on activation and on every change).
/// </summary>
[Alias("eci.IPodIndexGrain")]
public interface IPodIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the row of <see cref="PodSummary.Key"/>. Idempotent; an older row (by Updated) never replaces a newer one.</summary>
    [Alias("Put"), OneWay]
    Task Put(PodSummary row);

    /// <summary>Drops the row of a pod that is gone. Idempotent.</summary>
    [Alias("Remove"), OneWay]
    Task Remove(string key);

    /// <summary>The rows matching <paramref name="query"/>, sorted by key, paged. Side-effect free.</summary>
    [Alias("Query"), AlwaysInterleave]
    Task<PodPage> Query(PodQuery query);

    /// <summary>The node's pods by phase. Side-effect free.</summary>
    [Alias("Counts"), AlwaysInterleave]
    Task<NodePodCounts> Counts();
}
