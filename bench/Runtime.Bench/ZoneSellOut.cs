using System.Diagnostics;
using System.Net.Http.Json;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// The zones scenario's mid-run event: once <see cref="BenchOptions.NoStockAt"/> pods run, every spec's stock in
/// <see cref="BenchOptions.NoStockZone"/> is set to 0 through the emulator's control API (<c>PUT stock</c>, spec <c>*</c>).
/// </summary>
internal static class ZoneSellOut
{
    /// <summary>When the zone sold out (a <see cref="Stopwatch"/> timestamp) and how many pods ran then.</summary>
    public sealed record Outcome(long At, int RunningThen);

    public static async Task<Outcome?> RunAsync(BenchContext ctx, CancellationToken ct)
    {
        if (ctx.Options.NoStockZone is not { } zone)
        {
            return null;
        }

        int at = ctx.Options.NoStockAt ?? (ctx.Options.Pods / 2);
        try
        {
            while (ctx.Tracker.Running < at)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        using var response = await ctx.Control.PutAsJsonAsync("stock", new { zoneId = zone, spec = "*", stock = 0 }, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        return new Outcome(Stopwatch.GetTimestamp(), ctx.Tracker.Running);
    }

    public static void Report(BenchContext ctx, Outcome? soldOut, ActionCalls creates, long start)
    {
        Report report = ctx.Report;
        if (ctx.Options.NoStockZone is not { } zone)
        {
            report.Add("zones: sold-out zone", "none (all zones healthy)");
        }
        else
        {
            report.Add("zones: sold-out zone / when", soldOut is null ? $"{zone}: never (run ended first)"
                : FormattableString.Invariant($"{zone} at {Stats.Seconds(soldOut.At - start):F1} s, with {soldOut.RunningThen} pods Running"));
        }

        // The only refusals the emulator gives in this run are for stock (no IP or security-group limits are reached).
        report.Add("zones: CreateContainerGroup refused (not throttled): creates failed for stock", $"{creates.Failed}",
            "≤ 1 per spec and zone per decay period (+ creates in flight when it was learned, ≤ Zones:MaxCreatesInFlight)");
        report.Add("zones: zone grain calls on the ranking path (snapshot fetches, every 5 s per zone)",
            FormattableString.Invariant($"{ctx.Silo.Zones.SnapshotFetches} for {ctx.Options.Pods} pods"));
    }
}
