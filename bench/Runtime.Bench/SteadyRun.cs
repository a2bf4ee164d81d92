using System.Diagnostics;
using System.Net.Http.Json;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// Scenario (c): ramp up as (b), turn ECI's published flow control on, count ECI reads and Kubernetes writes over a
/// quiet window, then crash containers through the emulator and time until each pod shows it.
/// </summary>
internal static class SteadyRun
{
    /// <summary>Longest wait for a crash to show on its pod before it counts as missed.</summary>
    private static readonly TimeSpan ProbePatience = TimeSpan.FromSeconds(30);

    /// <summary>After the last probe: the emulator restarts crashed containers after a 10 s back-off, which is a transition too.</summary>
    private static readonly TimeSpan Trailing = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        Report report = ctx.Report;
        await CreateRun.RunAsync(ctx, ct);
        using (var on = await ctx.Control.PutAsJsonAsync("rate-limits", new { unlimited = false }, ct))
        {
            on.EnsureSuccessStatusCode();
        }

        var (writesPerMinute, _) = await QuietAsync(ctx, ct);
        await ProbeAsync(ctx, writesPerMinute, ct);
        report.Note("Ramp as in (b) (no flow control, instant lifecycle, client buckets off); then the emulator's flow control is "
            + "switched on (published limits) for the quiet window and the probes. The silo's client-side ECI buckets stay off.");
    }

    private static async Task<(double WritesPerMinute, double ReadsPerMinute)> QuietAsync(BenchContext ctx, CancellationToken ct)
    {
        EciCalls eci0 = await ctx.EciCallsAsync(ct);
        KubeCalls kube0 = ctx.KubeCalls();
        long transitions0 = ctx.Tracker.Transitions;
        using HttpClient kubeHttp = new() { BaseAddress = ctx.Peers.KubeUri, Timeout = Timeout.InfiniteTimeSpan };
        await using ChangeCounter changes = await ChangeCounter.StartAsync(kubeHttp, ct);
        long start = Stopwatch.GetTimestamp();
        await Task.Delay(ctx.Options.Quiet, ct);
        double minutes = Stats.Seconds(Stopwatch.GetTimestamp() - start) / 60;
        EciCalls eci = await ctx.EciCallsAsync(ct) - eci0;
        KubeCalls kube = ctx.KubeCalls() - kube0;
        ctx.Report.Add($"quiet window: ECI read calls per minute ({minutes:F1} min, nothing changing)", $"{eci.Reads / minutes:F1}", "≤ 60");
        ctx.Report.Add("quiet window: ECI calls by action (throttled)", eci.Describe());
        ctx.Report.Add("quiet window: Kubernetes calls per minute (leases, node status)",
            $"{kube.Reads / minutes:F1} reads, {kube.Writes / minutes:F1} writes; pod transitions seen: {ctx.Tracker.Transitions - transitions0}");
        ctx.Report.Add("quiet window: changes the API server reported per minute (watches)", changes.PerMinute(minutes));
        return (kube.Writes / minutes, eci.Reads / minutes);
    }

    private static async Task ProbeAsync(BenchContext ctx, double quietWritesPerMinute, CancellationToken ct)
    {
        var candidates = ctx.Tracker.Pods.Where(p => p.GroupId is not null).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        int count = Math.Min(ctx.Options.Probes, candidates.Count);
        KubeCalls kube0 = ctx.KubeCalls();
        long transitions0 = ctx.Tracker.Transitions;
        using HttpClient kubeHttp = new() { BaseAddress = ctx.Peers.KubeUri, Timeout = Timeout.InfiniteTimeSpan };
        await using ChangeCounter changes = await ChangeCounter.StartAsync(kubeHttp, ct);
        long start = Stopwatch.GetTimestamp();
        var probes = new List<Task<double?>>(count);
        for (int i = 0; i < count; i++)
        {
            TrackedPod pod = candidates[i * candidates.Count / count];
            probes.Add(ProbeOneAsync(ctx, pod, ct));
            await Task.Delay(TimeSpan.FromSeconds(1.0 / ctx.Options.ProbeRate), ct);
        }

        double?[] results = await Task.WhenAll(probes);
        await Task.Delay(Trailing, ct);
        double minutes = Stats.Seconds(Stopwatch.GetTimestamp() - start) / 60;
        KubeCalls kube = ctx.KubeCalls() - kube0;
        long transitions = ctx.Tracker.Transitions - transitions0;
        var latencies = results.OfType<double>().Order().ToList();
        double podWrites = kube.Writes - (quietWritesPerMinute * minutes);

        ctx.Report.Add($"status latency ECI → Kubernetes (container crashed through /_emulator/ → pod shows it; {latencies.Count} of {count} seen within {ProbePatience.TotalSeconds:F0} s): p50 / p99 / max",
            $"{Stats.Percentile(latencies, 0.5):F2} s / {Stats.Percentile(latencies, 0.99):F2} s / {(latencies.Count == 0 ? 0 : latencies[^1]):F2} s", "p99 ≤ 2.5 s");
        ctx.Report.Add($"probe phase ({minutes:F1} min incl. {Trailing.TotalSeconds:F0} s trailing): Kubernetes writes / visible pod transitions",
            $"{kube.Writes} / {transitions} ({kube.BudgetWaits} waited for the QPS budget)");
        ctx.Report.Add("probe phase: changes the API server reported per minute (watches)", changes.PerMinute(minutes));
        ctx.Report.Add("Kubernetes writes per pod transition (writes minus the quiet window's rate, over transitions)",
            $"{(transitions == 0 ? 0 : podWrites / transitions):F2}");
    }

    /// <summary>Seconds from the crash call until the pod's status changed; null when it did not within the patience.</summary>
    private static async Task<double?> ProbeOneAsync(BenchContext ctx, TrackedPod pod, CancellationToken ct)
    {
        Task<long> changed = PodTracker.NextTransitionAsync(pod);
        long sent = Stopwatch.GetTimestamp();
        using (var crash = await ctx.Control.PostAsJsonAsync($"groups/{pod.GroupId}/containers/main/crash", new { exitCode = 137 }, ct))
        {
            if (!crash.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"crash of {pod.Name} ({pod.GroupId}) answered {(int)crash.StatusCode}: {await crash.Content.ReadAsStringAsync(ct)}");
                return null;
            }
        }

        Task done = await Task.WhenAny(changed, Task.Delay(ProbePatience, ct));
        return done == changed ? Stats.Seconds(await changed - sent) : null;
    }
}
