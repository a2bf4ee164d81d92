namespace OrleansEci.Kube.Bench;

/// <summary>A PATCH run with watchers open: the PATCHes, and how late each watcher saw each of them.</summary>
public sealed record FanoutResult(
    PatchRun Patches,
    Percentiles FromCompletion,
    Percentiles FromSend,
    long ExpectedDeliveries,
    long Deliveries,
    TimeSpan Drain);
