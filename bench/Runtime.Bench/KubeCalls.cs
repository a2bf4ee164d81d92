namespace OrleansEci.Runtime.Bench;

/// <summary>The runtime's API-server calls (<c>KubeRequestCounters</c>) at one moment.</summary>
internal sealed record KubeCalls(long Reads, long Writes, long Watches, long BudgetWaits)
{
    public static KubeCalls operator -(KubeCalls a, KubeCalls b) => new(a.Reads - b.Reads, a.Writes - b.Writes, a.Watches - b.Watches, a.BudgetWaits - b.BudgetWaits);

    public static KubeCalls Subtract(KubeCalls a, KubeCalls b) => a - b;

    public override string ToString() => $"{Reads} reads, {Writes} writes, {Watches} watches opened, {BudgetWaits} waited for the QPS budget";
}
