using System.Text.Json;
using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

using OrleansEci.Eci;
using OrleansEci.Grains.Diagnostics;
using OrleansEci.Grains.Nodes;
using OrleansEci.Grains.Zones;

namespace OrleansEci.Silo.Dashboard;

/// <summary>The read-only JSON behind the dashboard's pages (docs/dashboard.md): overview, pods, one pod, zones.</summary>
internal static class DashboardApi
{
    /// <summary>Most rows one page of the pod list returns.</summary>
    public const int MaxTake = 500;

    /// <summary>Deepest row a page may start at (paging merges every node's sorted rows up to it).</summary>
    public const int MaxSkip = 50_000;

    /// <summary>camelCase, enums as their names (journal kinds read as words in scripts).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<IResult> OverviewAsync(RuntimeSnapshot snapshot, RecentActivity activity, EciClient eci, IGrainFactory grains,
        IOptions<VirtualKubeletOptions> nodes, IOptions<DashboardUiOptions> options, TimeProvider time)
    {
        Snapshot last = snapshot.Last;
        DateTimeOffset now = time.GetUtcNow();
        var stuck = await QueryAsync(grains, NodeNames(nodes.Value, null), new PodQuery { StuckSince = now - options.Value.StuckAfter, Take = 0 });
        var errors = await QueryAsync(grains, NodeNames(nodes.Value, null), new PodQuery { ErrorsOnly = true, Take = 0 });
        return Results.Json(new
        {
            generatedAt = now,
            snapshotAt = last.TakenAt == DateTimeOffset.MinValue ? (DateTimeOffset?)null : last.TakenAt,
            snapshotProblem = last.Problem,
            nodes = last.Nodes,
            silos = last.Silos,
            stuckAfterMinutes = options.Value.StuckAfter.TotalMinutes,
            stuckPods = stuck.Total,
            podsWithErrors = errors.Total,
            eci = new
            {
                scope = "this silo",
                windowMinutes = RecentActivity.Minutes,
                actions = activity.Calls().Select(a => new
                {
                    a.Action,
                    a.Calls,
                    a.Throttled,
                    a.Failed,
                    a.CallsPerMinute,
                    a.ThrottledPerMinute,
                    tokensAvailable = eci.AvailableTokens(a.Action),
                }),
            },
            statusLag = activity.Lag(),
            orleansDashboard = "/dashboard/",
        }, Json);
    }

    public static async Task<IResult> PodsAsync(HttpRequest request, IGrainFactory grains, IOptions<VirtualKubeletOptions> nodes, TimeProvider time)
    {
        var q = request.Query;
        if (!TryInt(q["skip"], 0, MaxSkip, 0, out int skip) || !TryInt(q["take"], 0, MaxTake, 100, out int take)
            || !TryInt(q["stuckMinutes"], 0, 60 * 24 * 365, 0, out int stuckMinutes))
        {
            return Results.BadRequest(new { error = $"skip (0-{MaxSkip}), take (0-{MaxTake}) and stuckMinutes (minutes, 0 = any) must be whole numbers in range" });
        }

        string? node = Text(q["node"]);
        List<string> names = NodeNames(nodes.Value, node);
        if (node is not null && names.Count == 0)
        {
            return Results.NotFound(new { error = $"no virtual node {node} is served by this runtime" });
        }

        var query = new PodQuery
        {
            Namespace = Text(q["ns"]),
            Text = Text(q["q"]),
            Phase = Text(q["phase"]),
            Zone = Text(q["zone"]),
            ErrorsOnly = q["errors"] == "true",
            StuckSince = stuckMinutes > 0 ? time.GetUtcNow() - TimeSpan.FromMinutes(stuckMinutes) : null,
            Skip = skip,
            Take = take,
        };
        PodPage page = await QueryAsync(grains, names, query);
        return Results.Json(new { total = page.Total, skip, take, rows = page.Rows }, Json);
    }

    public static async Task<IResult> PodAsync(string ns, string name, IGrainFactory grains)
    {
        PodJournalView view = await grains.GetGrain<IPodJournalGrain>($"{ns}/{name}").GetJournal();
        if (view.Uid is null && view.Entries.All(e => e.Kind == JournalEntryKind.Activation))
        {
            return Results.NotFound(new { error = $"no pod grain holds {ns}/{name}: the pod is unknown to this runtime, or gone" });
        }

        return Results.Json(view, Json);
    }

    /// <summary>
    /// Each configured zone's knowledge from its zone grain (keyed <c>region/zone</c>; a node without zones is known by its
    /// vSwitches' pseudo-zones <c>region/vswitch:ID</c>): stock per spec, full vSwitches and security groups, placements,
    /// each with its age. Reading a snapshot is side-effect free; a zone grain that cannot answer is reported as such.
    /// </summary>
    public static async Task<IResult> ZonesAsync(IGrainFactory grains, IOptions<VirtualKubeletOptions> nodes, TimeProvider time)
    {
        DateTimeOffset now = time.GetUtcNow();
        var keys = nodes.Value.ResolveNodes()
            .SelectMany(n => (n.Zones.Count > 0 ? n.Zones : n.VSwitchIds.Select(v => "vswitch:" + v)).Select(z => (Key: $"{n.RegionId}/{z}", Zone: z, Node: n)))
            .GroupBy(x => x.Key, StringComparer.Ordinal).ToList();
        var zones = await Task.WhenAll(keys.Select(async g =>
        {
            string? problem = null;
            ZoneSnapshot? snapshot = null;
            try
            {
                snapshot = await grains.GetGrain<IZoneGrain>(g.Key).GetSnapshot();
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                problem = $"{e.GetType().Name}: {e.Message}";
            }

            return new
            {
                zone = g.First().Zone,
                key = g.Key,
                nodes = g.Select(x => x.Node.Name),
                vSwitches = g.SelectMany(x => x.Node.VSwitchIds).Distinct(),
                takenAt = snapshot?.TakenAt,
                facts = (snapshot?.Facts ?? []).OrderBy(f => f.Kind).ThenBy(f => f.Subject, StringComparer.Ordinal).Select(f => new
                {
                    f.Kind,
                    f.Subject,
                    learnedAt = f.At,
                    ageSeconds = Math.Round((now - f.At).TotalSeconds),
                    until = f.Until == DateTimeOffset.MaxValue ? (DateTimeOffset?)null : f.Until,
                    f.Count,
                }),
                problem,
            };
        }));
        return Results.Json(new
        {
            tracked = true,
            message = "What the zone grains have learned from ECI's answers and events (knowledge decays; a zone that ran out is tried again later).",
            zones,
        }, Json);
    }

    /// <summary>Every node's matching rows, merged in key order and paged (one call per node's index grain).</summary>
    private static async Task<PodPage> QueryAsync(IGrainFactory grains, List<string> nodeNames, PodQuery query)
    {
        if (nodeNames.Count == 1)
        {
            return await grains.GetGrain<IPodIndexGrain>(nodeNames[0]).Query(query);
        }

        var pages = await Task.WhenAll(nodeNames.Select(n => grains.GetGrain<IPodIndexGrain>(n).Query(query with { Skip = 0, Take = query.Skip + query.Take })));
        var rows = pages.SelectMany(p => p.Rows).OrderBy(r => r.Key, StringComparer.Ordinal).Skip(query.Skip).Take(query.Take).ToList();
        return new PodPage(pages.Sum(p => p.Total), rows);
    }

    private static List<string> NodeNames(VirtualKubeletOptions options, string? only) =>
        [.. options.EffectiveNodes().Select(n => n.Name).Where(n => only is null || n == only)];

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text.Trim() : null;

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int min, int max, int fallback, out int result)
    {
        result = fallback;
        if (value.Count == 0 || value.ToString().Length == 0)
        {
            return true;
        }

        return int.TryParse(value.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result)
            && result >= min && result <= max;
    }
}
