using System.Diagnostics;

using k8s;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// Scenarios (a) and (b), and the ramp of (c): create the pods, wait until all run, and report the create budget used,
/// throttling, calls to both peers, time to Running, pods/s, CPU and silo memory per pod.
/// </summary>
internal static class CreateRun
{
    /// <summary>Settle time after the last pod runs, before memory is measured (fresh-group polls and deliveries end).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        Report report = ctx.Report;
        int n = ctx.Options.Pods;
        EciCalls eci0 = await ctx.EciCallsAsync(ct);
        KubeCalls kube0 = ctx.KubeCalls();
        var cpu0 = ctx.CpuTime();
        long transitions0 = ctx.Tracker.Transitions, events0 = ctx.Tracker.Events;

        await using CreateSampler sampler = await CreateSampler.StartAsync(ctx.Control, ct);
        using CancellationTokenSource sellOutStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<ZoneSellOut.Outcome?> sellOut = ZoneSellOut.RunAsync(ctx, sellOutStop.Token);
        long start = Stopwatch.GetTimestamp();
        await ctx.CreatePodsAsync(ct);
        long created = Stopwatch.GetTimestamp();
        bool all = await ctx.Tracker.WaitForRunningAsync(n, ctx.Options.Timeout, ct);
        var (creates, window, sustained) = await sampler.StopAsync();
        await sellOutStop.CancelAsync();
        ZoneSellOut.Outcome? soldOut = await sellOut;
        EciCalls eci = await ctx.EciCallsAsync(ct) - eci0;
        KubeCalls kube = ctx.KubeCalls() - kube0;
        var cpu1 = ctx.CpuTime();

        var pods = ctx.Tracker.Pods.ToList();
        var running = pods.Where(p => p.RunningAt > 0).Select(p => p.RunningAt).Order().ToList();
        var latencies = pods.Where(p => p.RunningAt > 0).Select(p => Stats.Seconds(p.RunningAt - p.CreatedAt)).Order().ToList();
        double total = running.Count == 0 ? 0 : Stats.Seconds(running[^1] - start);

        report.Add("pods Running", all ? $"{n} of {n}" : $"{running.Count} of {n} after {ctx.Options.Timeout.TotalMinutes} min ({ctx.Tracker.PhaseCounts()})");
        report.Add("driver created the pods in", $"{Stats.Seconds(created - start):F1} s");
        report.Add("time until all Running (first create sent → last Running seen)", $"{total:F1} s");
        report.Add("per pod, created → Running: p50 / p99", $"{Stats.Percentile(latencies, 0.5):F1} s / {Stats.Percentile(latencies, 0.99):F1} s");
        report.Add("pods/s bound → Running: overall / best 5 s window", $"{(total > 0 ? running.Count / total : 0):F1} / {Stats.BestRate(running, 5):F1}");
        report.Add("ECI CreateContainerGroup succeeded / throttled", $"{creates} / {eci["CreateContainerGroup"].Throttled}");
        if (ctx.Options.Paced)
        {
            double budget = 100 + (20 * window);
            report.Add("create window (first → last successful create, ±0.2 s)", $"{window:F1} s (ideal for {creates}: {Math.Max(0, creates - 100) / 20.0:F1} s)");
            report.Add("create budget used: creates / (100 + 20/s × window)", $"{100.0 * creates / budget:F1} %", "≥ 95 %");
            report.Add("sustained creates/s after the first 200", $"{sustained:F1}", "close to 20");
        }
        else
        {
            report.Add("create window (first → last successful create) / creates/s after the first 200", $"{window:F1} s / {sustained:F1}");
        }

        if (ctx.Options.Scenario == Scenario.Zones)
        {
            ZoneSellOut.Report(ctx, soldOut, eci["CreateContainerGroup"], start);
        }

        report.Add("ECI calls by action (throttled)", eci.Describe());
        report.Add("ECI calls throttled, all actions", $"{eci.Throttled}");
        report.Add("Kubernetes calls by the runtime", kube.ToString());
        report.Add("Kubernetes writes per pod (create → Running)", $"{(double)kube.Writes / n:F2}");
        report.Add("visible pod status transitions per pod / watch events per pod", $"{(double)(ctx.Tracker.Transitions - transitions0) / n:F2} / {(double)(ctx.Tracker.Events - events0) / n:F2}");
        report.Add("pod events in the API server per pod, by reason", await EventsByReasonAsync(ctx, ct));
        report.Add("CPU time: silo + driver process / peers process", $"{(cpu1.Silo - cpu0.Silo).TotalSeconds:F1} s / {(cpu1.Peers - cpu0.Peers).TotalSeconds:F1} s");

        await Task.Delay(Settle, ct);
        int ready = ctx.Tracker.Pods.Count(p => p.Signature.Contains("|Ready=True", StringComparison.Ordinal));
        report.Add($"pods with condition Ready=True {Settle.TotalSeconds:F0} s after the last Running", $"{ready} of {n}", $"{n}");
        long bytes = RuntimeSilo.LiveBytes();
        report.Add($"silo memory per pod (live bytes after full GC, {Settle.TotalSeconds:F0} s after the last Running, minus before the pods)",
            $"{(bytes - ctx.BaselineBytes) / 1024.0 / n:F1} KB ({ctx.BaselineBytes / 1048576.0:F1} MB → {bytes / 1048576.0:F1} MB)", "≤ 25 KB");
    }

    /// <summary>Events the runtime posted about the benchmark's pods (one object per distinct event), per pod and by reason.</summary>
    private static async Task<string> EventsByReasonAsync(BenchContext ctx, CancellationToken ct)
    {
        var events = await ctx.Client.CoreV1.ListNamespacedEventAsync(PodTracker.Namespace, cancellationToken: ct);
        var ours = events.Items.Where(e => e.InvolvedObject?.Kind == "Pod" && e.InvolvedObject.Name?.StartsWith("bench-", StringComparison.Ordinal) == true).ToList();
        double n = ctx.Options.Pods;
        return FormattableString.Invariant($"{ours.Count / n:F2} (")
            + string.Join(", ", ours.GroupBy(e => e.Reason ?? "").OrderByDescending(g => g.Count())
                .Select(g => FormattableString.Invariant($"{g.Key} {g.Count() / n:F2}"))) + ")";
    }
}
