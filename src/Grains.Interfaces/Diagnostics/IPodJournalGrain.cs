using Orleans.Concurrency;

namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// The lifecycle journal of one pod grain (the same activation as <c>IPodGrain</c>, same key <c>namespace/name</c>).
/// Reading it activates the grain if it is not active, which then shows an empty journal until its pod is observed.
/// </summary>
[Alias("eci.IPodJournalGrain")]
public interface IPodJournalGrain : IGrainWithStringKey
{
    /// <summary>The journal and current view. Side-effect free; answers even while the grain is mid-step.</summary>
    [Alias("GetJournal"), AlwaysInterleave]
    Task<PodJournalView> GetJournal();
}
