using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Zones;

namespace OrleansEci.Grains.Tests.Zones;

/// <summary>The ranking of a pod's zones from what is known: order, skipping, weights, probes.</summary>
public sealed class ZoneRankerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly ZoneCandidate[] ThreeZones =
    [
        new("cn-hangzhou/cn-hangzhou-h", "cn-hangzhou-h", ["vsw-h"]),
        new("cn-hangzhou/cn-hangzhou-i", "cn-hangzhou-i", ["vsw-i"]),
        new("cn-hangzhou/cn-hangzhou-j", "cn-hangzhou-j", ["vsw-j"]),
    ];

    private static CreateContainerGroupRequest Sized(double cpu = 2, double memory = 4) =>
        new() { RegionId = "cn-hangzhou", ContainerGroupName = "web", Cpu = cpu, Memory = memory, Containers = [] };

    private static ZoneKnowledge Known(params ZoneReport[] reports)
    {
        var k = new ZoneKnowledge(TimeSpan.FromMinutes(10));
        foreach (ZoneReport r in reports)
        {
            k.Apply(r);
        }

        return k;
    }

    private static ZoneReport NoStock(params string[] specs) => new(ZoneOutcome.NoStock, specs, [], null, Now.AddMinutes(-1));

    private static IReadOnlyList<ZoneChoice> Rank(CreateContainerGroupRequest request, string strategy, Dictionary<string, ZoneKnowledge> known, int seed = 1,
        Func<string, int?>? usable = null) =>
        ZoneRanker.Rank(ThreeZones, request, strategy, key => known.TryGetValue(key, out ZoneKnowledge? k) ? ZoneView.Merge(Now, k.Facts(Now)) : ZoneView.Empty,
            usable ?? (_ => null), _ => 0, new Random(seed));

    [Fact]
    public void Rank_OrderedWithNothingKnown_KeepsTheGivenOrder()
    {
        IReadOnlyList<ZoneChoice> ranked = Rank(Sized(), ZoneRanker.Ordered, new Dictionary<string, ZoneKnowledge>());
        Assert.Equal(["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"], ranked.Select(c => c.ZoneId));
        Assert.All(ranked, c => Assert.False(c.KnownBad, $"Expected {c.Where} not known bad with nothing known"));
        Assert.All(ranked, c => Assert.Equal(["2-4Gi"], c.SpecKeys));
    }

    [Fact]
    public void Rank_OrderedWithFirstZoneOutOfStock_PutsItLastAsKnownBad()
    {
        var known = new Dictionary<string, ZoneKnowledge> { ["cn-hangzhou/cn-hangzhou-h"] = Known(NoStock("2-4Gi")) };
        IReadOnlyList<ZoneChoice> ranked = Rank(Sized(), ZoneRanker.Ordered, known);
        Assert.Equal(["cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-h"], ranked.Select(c => c.ZoneId));
        Assert.True(ranked[^1].KnownBad && ranked[^1].Why!.Contains("no stock of 2-4Gi", StringComparison.Ordinal), $"Expected zone h known bad for stock, got {ranked[^1]}");
        Assert.Equal(["cn-hangzhou-i", "cn-hangzhou-j"], ZoneRanker.ToTry(ranked).Select(c => c.ZoneId));
    }

    [Fact]
    public void Rank_OneOfTwoSpecsOutInAZone_SendsOnlyTheOtherThere()
    {
        CreateContainerGroupRequest request = Sized() with { Cpu = null, Memory = null, InstanceTypes = ["ecs.c6.large", "ecs.g6.large"] };
        var known = new Dictionary<string, ZoneKnowledge> { ["cn-hangzhou/cn-hangzhou-h"] = Known(NoStock("ecs.c6.large")) };
        IReadOnlyList<ZoneChoice> ranked = Rank(request, ZoneRanker.Ordered, known);
        Assert.Equal(["ecs.g6.large"], ranked[0].InstanceTypes);
        Assert.Equal(["ecs.c6.large", "ecs.g6.large"], ranked[1].InstanceTypes);
        Assert.Equal(["ecs.g6.large"], ranked[0].ApplyTo(request).InstanceTypes);
    }

    [Fact]
    public void Rank_EveryZoneKnownBad_ProbesOnlyTheFirstInOrder()
    {
        var known = ThreeZones.ToDictionary(z => z.ZoneKey, _ => Known(NoStock("2-4Gi")));
        IReadOnlyList<ZoneChoice> toTry = ZoneRanker.ToTry(Rank(Sized(), ZoneRanker.Ordered, known));
        Assert.True(toTry is [{ ZoneId: "cn-hangzhou-h", KnownBad: true }], $"Expected one probe of zone h, got {string.Join(';', toTry)}");
    }

    [Fact]
    public void Rank_SecurityGroupKnownFull_MarksEveryZoneBad()
    {
        var full = new ZoneReport(ZoneOutcome.SecurityGroupFull, [], [], "sg-1", Now);
        var known = new Dictionary<string, ZoneKnowledge> { ["cn-hangzhou/cn-hangzhou-h"] = Known(full), ["cn-hangzhou/cn-hangzhou-i"] = Known(full), ["cn-hangzhou/cn-hangzhou-j"] = Known(full) };
        IReadOnlyList<ZoneChoice> ranked = Rank(Sized() with { SecurityGroupId = "sg-1" }, ZoneRanker.Ordered, known);
        Assert.All(ranked, c => Assert.True(c.KnownBad && c.Why!.Contains("sg-1", StringComparison.Ordinal), $"Expected {c.Where} bad for the full security group"));
    }

    [Fact]
    public void Rank_VSwitchOutOfAddresses_IsSkippedUntilAGroupIsPlacedThere()
    {
        var full = new ZoneReport(ZoneOutcome.IpExhausted, [], ["vsw-i"], null, Now.AddMinutes(-2));
        var known = new Dictionary<string, ZoneKnowledge> { ["cn-hangzhou/cn-hangzhou-i"] = Known(full) };
        Assert.True(Rank(Sized(), ZoneRanker.Ordered, known)[^1] is { ZoneId: "cn-hangzhou-i", KnownBad: true }, "Expected zone i last: its only vSwitch is full");

        known["cn-hangzhou/cn-hangzhou-i"].Apply(new ZoneReport(ZoneOutcome.Released, [], ["vsw-i"], null, Now.AddMinutes(-1)));
        Assert.Equal("cn-hangzhou-i", Rank(Sized(), ZoneRanker.Ordered, known)[1].ZoneId);
    }

    [Fact]
    public void Rank_Random_FavoursRecentSuccessOverStockExhaust()
    {
        var known = new Dictionary<string, ZoneKnowledge>
        {
            ["cn-hangzhou/cn-hangzhou-h"] = Known(new ZoneReport(ZoneOutcome.StockExhaust, ["2-4Gi"], [], null, Now)),
            ["cn-hangzhou/cn-hangzhou-i"] = Known(new ZoneReport(ZoneOutcome.Created, ["2-4Gi"], ["vsw-i"], null, Now)),
        };
        var firsts = new Dictionary<string, int>();
        for (int seed = 0; seed < 2000; seed++)
        {
            string first = Rank(Sized(), ZoneRanker.Random, known, seed)[0].ZoneId!;
            firsts[first] = firsts.GetValueOrDefault(first) + 1;
        }

        // Weights 0.3 (h), 2 (i), 1 (j): i first about 60 % of the time, h about 9 %.
        Assert.True(firsts["cn-hangzhou-i"] > firsts["cn-hangzhou-j"] && firsts["cn-hangzhou-j"] > firsts["cn-hangzhou-h"] && firsts["cn-hangzhou-h"] > 0,
            $"Expected i first most often, then j, then h (still sometimes); got {string.Join(", ", firsts)}");
    }

    [Fact]
    public void Rank_RandomWithAddressesKnown_AvoidsTheNearlyFullVSwitch()
    {
        var known = new Dictionary<string, ZoneKnowledge> { ["cn-hangzhou/cn-hangzhou-h"] = Known() };
        for (int i = 0; i < 250; i++)
        {
            known["cn-hangzhou/cn-hangzhou-h"].Apply(new ZoneReport(ZoneOutcome.Created, ["2-4Gi"], ["vsw-h"], null, Now.AddSeconds(-i)));
        }

        int hFirst = Enumerable.Range(0, 1000).Count(seed => Rank(Sized(), ZoneRanker.Random, known, seed, v => v == "vsw-h" ? 252 : null)[0].ZoneId == "cn-hangzhou-h");
        Assert.True(hFirst < 100, $"Expected the vSwitch with 2 of 252 addresses left to come first rarely; it came first {hFirst} times in 1000");
    }

    [Theory]
    [InlineData(2.0, 4.0, "2-4Gi")]
    [InlineData(0.25, 0.5, "0.25-0.5Gi")]
    public void SpecKeys_SizedByCpuAndMemory_AreEciSpecs(double cpu, double memory, string expected) =>
        Assert.Equal([expected], ZoneRanker.SpecKeys(Sized(cpu, memory)));

    [Fact]
    public void SpecKeys_NothingSized_IsDefault() =>
        Assert.Equal(["default"], ZoneRanker.SpecKeys(Sized() with { Cpu = null, Memory = null }));
}
