using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// The pod grains' instruments (meter <see cref="MeterName"/>; in Prometheus <c>orleanseci_runtime_*</c>): create retries by reason, stage transitions, status lag
/// (an ECI change seen by the poller until the pod's status is written to Kubernetes), reconcile claims by result
/// (orphans found among them). Process-wide like the ECI client's meter; the per-node gauges (pods by phase) are the
/// host's, fed from a silo-local snapshot (src/Silo/Dashboard/RuntimeSnapshot.cs).
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "OrleansEci.Runtime";

    /// <summary>Reconcile claim results; <see cref="OrphanDeleted"/> and <see cref="OrphanKept"/> are orphans found.</summary>
    public const string Adopted = "Adopted";

    public const string DuplicateDeleted = "DuplicateDeleted";

    public const string OrphanDeleted = "OrphanDeleted";

    public const string OrphanKept = "OrphanKept";

    /// <summary>The status lag histogram's instrument name (seconds).</summary>
    public const string StatusLagName = "pod.status.lag";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("pod.create.retries", "{retry}",
        "Create attempts of pod grains that failed and were scheduled again, by reason (NoStock, Throttling, QuotaExceed, ...).");

    private static readonly Counter<long> Transitions = Meter.CreateCounter<long>("pod.transitions", "{transition}",
        "Pod grain stage changes, by the stage entered (Creating, Created, Rejected, Deleting, Deleted).");

    private static readonly Histogram<double> StatusLag = Meter.CreateHistogram<double>(StatusLagName, "s",
        "From the status poller seeing an ECI change to the pod's status written to Kubernetes.");

    private static readonly Counter<long> Claims = Meter.CreateCounter<long>("reconcile.claims", "{claim}",
        "Container groups found by the reconcile sweep and handed to pod grains, by result (Adopted, DuplicateDeleted, OrphanDeleted, OrphanKept).");

    public static void Retried(string reason) => Retries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void Entered(string stage) => Transitions.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public static void StatusWritten(TimeSpan lag) => StatusLag.Record(Math.Max(0, lag.TotalSeconds));

    public static void Claimed(string result) => Claims.Add(1, new TagList { { "result", result } });
}
