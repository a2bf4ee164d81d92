using System.Diagnostics;

using k8s.Models;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Grains.Tests.Runtime;
using OrleansEci.Grains.Zones;

namespace OrleansEci.Grains.Tests.Zones;

/// <summary>Many pods ranking through the same three zones at once: no zone grain on the create path.</summary>
public sealed class ZoneConcurrencyTests
{
    [Fact]
    public async Task Create_ManyPodsAtOnce_RankLocallyWithAFewSnapshotFetchesAndSpreadOverZones()
    {
        const int Pods = 150;
        await using var fx = await ZoneRuntime.StartAsync(configure: s => s["Zones:DefaultScheduleStrategy"] = "VSwitchRandom");
        DateTimeOffset start = fx.Clock.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, Pods).Select(n => fx.CreatePodAsync(RuntimeFixture.Pod($"many-{n}", ZoneRuntime.Node))));
        await fx.EventuallyAsync($"all {Pods} pods with a group", async () => (await fx.GroupsAsync()).Count, n => n == Pods, TimeSpan.FromMinutes(5));

        var cache = fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress).GetRequiredService<ZoneKnowledgeCache>();
        double refreshes = (fx.Clock.GetUtcNow() - start) / TimeSpan.FromSeconds(5);
        long allowed = 3 * ((long)refreshes + 2);
        Assert.True(cache.SnapshotFetches <= allowed,
            $"Expected zone grain calls to follow time ({allowed} at most for 3 zones over {refreshes:0.#} refresh periods), not pods; got {cache.SnapshotFetches} for {Pods} pods");
        var perZone = (await fx.GroupsAsync()).Values.GroupBy(g => g.ZoneId).ToDictionary(g => g.Key ?? "?", g => g.Count());
        Assert.True(perZone.Count == 3 && perZone.Values.All(n => n >= Pods / 10),
            $"Expected VSwitchRandom to spread {Pods} pods over the three zones, got {string.Join(", ", perZone)}");
    }

    [Fact]
    public async Task Plan_CalledFromManyThreads_NeverBlocksAndSeesItsOwnReportsAtOnce()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        var cache = fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress).GetRequiredService<ZoneKnowledgeCache>();
        var node = new OrleansEci.Grains.Cluster.VirtualNodeSettings(ZoneRuntime.Node, ["vsw-emu-h", "vsw-emu-i", "vsw-emu-j"], null, null, null, "10.0.0.10");
        var request = new OrleansEci.Eci.ContainerGroups.CreateContainerGroupRequest
        {
            RegionId = "cn-hangzhou", ContainerGroupName = "x", Cpu = 2, Memory = 4, Containers = [], VSwitchIds = node.VSwitchIds,
        };
        cache.Report(cache.ZoneKey("cn-hangzhou-h"), new ZoneReport(ZoneOutcome.NoStock, ["2-4Gi"], [], null, fx.Clock.GetUtcNow()));

        var watch = Stopwatch.StartNew();
        int[] firsts = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            int firstIsH = 0;
            for (int n = 0; n < 5000; n++)
            {
                firstIsH += cache.Plan(request, node, random)[0].ZoneId == "cn-hangzhou-h" ? 1 : 0;
            }

            return firstIsH;
        })));
        Assert.True(firsts.Sum() == 0, $"Expected no plan to put the sold-out zone h first right after this silo learned it; {firsts.Sum()} of 40000 did");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"Expected 40,000 local rankings well within 20 s, took {watch.Elapsed}");
    }
}
