using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Zones;

/// <summary>
/// Creation fallback against the local ECI service: stock removed zone by zone, vSwitches out of addresses, a full
/// security group, an answer lost in the middle of a fallback, knowledge decaying on the fake clock.
/// </summary>
public sealed class ZoneFallbackTests
{
    [Fact]
    public async Task Create_OrderedWithStockRemovedZoneByZone_FallsBackInOrderAndFailsOncePerZone()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        await fx.SetStockAsync("h", 0);

        ContainerGroup a = await fx.RunAsync("ordered-a");
        Assert.True(a.ZoneId == "cn-hangzhou-i", $"Expected pod ordered-a in zone i (h is sold out), got {a.ZoneId}");
        Assert.Equal(1, await fx.FailedCreatesAsync());
        await fx.EventuallyAsync("a NoStock event on pod default/ordered-a", () => fx.ReasonsAsync("ordered-a"), r => r.Contains("NoStock"));

        ContainerGroup b = await fx.RunAsync("ordered-b");
        Assert.True(b.ZoneId == "cn-hangzhou-i", $"Expected pod ordered-b straight to zone i, got {b.ZoneId}");
        Assert.True(await fx.FailedCreatesAsync() == 1, "Expected no second NoStock from zone h: it is known to be sold out");

        await fx.SetStockAsync("i", 0);
        ContainerGroup c = await fx.RunAsync("ordered-c");
        Assert.True(c.ZoneId == "cn-hangzhou-j", $"Expected pod ordered-c in zone j (h and i sold out), got {c.ZoneId}");
        Assert.Equal(2, await fx.FailedCreatesAsync());
    }

    [Fact]
    public async Task Create_RandomWithTwoZonesSoldOut_EveryPodLandsInTheThirdAfterOneFailurePerZone()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        await fx.SetStockAsync("h", 0);
        await fx.SetStockAsync("i", 0);
        for (int n = 0; n < 5; n++)
        {
            ContainerGroup g = await fx.RunAsync($"random-{n}", p => p.Metadata.Annotations = new Dictionary<string, string> { ["k8s.aliyun.com/eci-schedule-strategy"] = "VSwitchRandom" });
            Assert.True(g.ZoneId == "cn-hangzhou-j", $"Expected pod random-{n} in zone j, the only one with stock; got {g.ZoneId}");
        }

        long failed = await fx.FailedCreatesAsync();
        Assert.True(failed <= 2, $"Expected at most one NoStock per sold-out zone, got {failed}");
    }

    [Fact]
    public async Task Create_AllZonesSoldOut_StaysPendingWithNoStockAndBacksOff()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        foreach (string zone in new[] { "h", "i", "j" })
        {
            await fx.SetStockAsync(zone, 0);
        }

        await fx.CreatePodAsync(RuntimeFixture.Pod("soldout", ZoneRuntime.Node));
        V1Pod pending = (await fx.EventuallyAsync("pod default/soldout Pending with NoStock", () => fx.ReadPodAsync("soldout"), p => p?.Status?.Reason == "NoStock"))!;
        Assert.Equal("Pending", pending.Status.Phase);
        Assert.Equal(3, await fx.FailedCreatesAsync());

        // The next attempts (back-off of seconds) probe one zone each, not all three again.
        await fx.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        long failed = await fx.FailedCreatesAsync();
        var state = await fx.Grains.GetGrain<OrleansEci.Grains.Pods.IPodGrain>("default/soldout").GetState();
        Assert.True(failed - 3 <= state.Attempts - 1, $"Expected at most one probe per later attempt; {failed} failed creates in {state.Attempts} attempts");

        await fx.SetStockAsync("j", 10);
        ContainerGroup g = await fx.GroupOfAsync("soldout");
        Assert.Equal("cn-hangzhou-j", g.ZoneId);
    }

    [Fact]
    public async Task Create_SingleZoneSoldOut_RecommendsSeveralZones()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        await fx.SetStockAsync("h", 0);
        await fx.CreatePodAsync(RuntimeFixture.Pod("onezone", ZoneRuntime.Node, configure: p =>
            p.Metadata.Annotations = new Dictionary<string, string> { ["k8s.aliyun.com/eci-vswitch"] = "vsw-emu-h" }));
        await fx.EventuallyAsync("a MultiZoneRecommendations event on pod default/onezone", () => fx.ReasonsAsync("onezone"), r => r.Contains("MultiZoneRecommendations"));
        await fx.EventuallyAsync("a NoStock event on pod default/onezone", () => fx.ReasonsAsync("onezone"), r => r.Contains("NoStock"));
    }

    [Fact]
    public async Task Create_MultiSpecWithFirstSpecSoldOutEverywhere_EciMatchesTheSecondAndSaysWhich()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        foreach (string zone in new[] { "h", "i", "j" })
        {
            await fx.SetStockAsync(zone, 0, "ecs.c6.large");
        }

        ContainerGroup g = await fx.RunAsync("specs", p => p.Metadata.Annotations = new Dictionary<string, string> { ["k8s.aliyun.com/eci-use-specs"] = "ecs.c6.large,ecs.g6.large" });
        Assert.True(g.InstanceType == "ecs.g6.large", $"Expected ECI to fall back to the second spec, got {g.InstanceType}");
        await fx.EventuallyAsync("an AutoInstanceTypeMatch event naming ecs.g6.large on pod default/specs", () => fx.EventsAsync("specs"),
            events => events.Any(e => e.Reason == "AutoInstanceTypeMatch" && e.Message.Contains("ecs.g6.large", StringComparison.Ordinal)));
        Assert.Equal(0, await fx.FailedCreatesAsync());
    }

    [Fact]
    public async Task Create_AnswerLostInTheMiddleOfAFallback_StillExactlyOneGroup()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        await fx.SetStockAsync("h", 0);
        await fx.AddFaultAsync(new { kind = "timeout-after-success", action = "CreateContainerGroup", vSwitchId = "vsw-emu-i", count = 1 });

        ContainerGroup g = await fx.RunAsync("lost");
        Assert.Equal("cn-hangzhou-i", g.ZoneId);
        await fx.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        List<ContainerGroup> groups = await fx.GroupsOfAsync("lost");
        Assert.True(groups.Count == 1, $"Expected exactly one group for pod default/lost after the lost answer, got {groups.Count}: {string.Join(',', groups.Select(x => x.ContainerGroupId))}");
        Assert.Equal(1, (await fx.CallsAsync("CreateContainerGroup")).Injected);
    }

    [Fact]
    public async Task Create_VSwitchOutOfAddresses_MovesToTheNextZoneAndLearnsIt()
    {
        await using var fx = await ZoneRuntime.StartAsync(eci: o => o.Region.VSwitches[0].CidrBlock = "192.168.0.0/29");
        for (int n = 0; n < 4; n++)
        {
            Assert.Equal("cn-hangzhou-h", (await fx.RunAsync($"ip-{n}")).ZoneId);
        }

        ContainerGroup fifth = await fx.RunAsync("ip-4");
        Assert.True(fifth.ZoneId == "cn-hangzhou-i", $"Expected pod ip-4 in zone i: the /29 vSwitch of zone h has 4 addresses; got {fifth.ZoneId}");
        await fx.EventuallyAsync("a ResourceInsufficient event on pod default/ip-4", () => fx.ReasonsAsync("ip-4"), r => r.Contains("ResourceInsufficient"));
        Assert.Equal("cn-hangzhou-i", (await fx.RunAsync("ip-5")).ZoneId);
        Assert.Equal(1, await fx.FailedCreatesAsync());
    }

    [Fact]
    public async Task Create_VSwitchCidrKnown_SkipsTheFullVSwitchWithoutAFailedCreate()
    {
        await using var fx = await ZoneRuntime.StartAsync(eci: o => o.Region.VSwitches[0].CidrBlock = "192.168.0.0/29",
            configure: s => s["Zones:VSwitches:vsw-emu-h:CidrBlock"] = "192.168.0.0/29");
        for (int n = 0; n < 4; n++)
        {
            Assert.Equal("cn-hangzhou-h", (await fx.RunAsync($"cidr-{n}")).ZoneId);
        }

        Assert.Equal("cn-hangzhou-i", (await fx.RunAsync("cidr-4")).ZoneId);
        Assert.True(await fx.FailedCreatesAsync() == 0, "Expected no IpNotEnough: 4 groups placed fill a /29");
    }

    [Fact]
    public async Task Create_SecurityGroupFull_BacksOffWithoutTryingOtherZones()
    {
        await using var fx = await ZoneRuntime.StartAsync(eci: o => o.Region.SecurityGroups[0].InstanceQuota = 2);
        await fx.RunAsync("sg-0");
        await fx.RunAsync("sg-1");
        await fx.CreatePodAsync(RuntimeFixture.Pod("sg-2", ZoneRuntime.Node));
        V1Pod pending = (await fx.EventuallyAsync("pod default/sg-2 Pending for the security group's quota", () => fx.ReadPodAsync("sg-2"),
            p => p?.Status?.Message?.Contains("SecurityGroupInstanceLimitExceed", StringComparison.Ordinal) == true))!;
        Assert.Equal("Pending", pending.Status.Phase);
        Assert.True(await fx.FailedCreatesAsync() == 1, "Expected one refusal, not one per zone: every zone shares the security group");
        await fx.EventuallyAsync("a SecurityGroupInstanceLimitExceed event on pod default/sg-2", () => fx.ReasonsAsync("sg-2"), r => r.Contains("SecurityGroupInstanceLimitExceed"));
    }

    [Fact]
    public async Task Create_AfterTheKnowledgeDecays_TriesTheSoldOutZoneAgain()
    {
        await using var fx = await ZoneRuntime.StartAsync(configure: s => s["Zones:Decay"] = "00:05:00");
        await fx.SetStockAsync("h", 0);
        Assert.Equal("cn-hangzhou-i", (await fx.RunAsync("decay-a")).ZoneId);
        Assert.Equal("cn-hangzhou-i", (await fx.RunAsync("decay-b")).ZoneId);
        Assert.Equal(1, await fx.FailedCreatesAsync());

        await fx.SetStockAsync("h", 100);
        await fx.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(20));
        Assert.True((await fx.RunAsync("decay-c")).ZoneId == "cn-hangzhou-h", "Expected zone h tried again (and first) once the NoStock knowledge decayed");
        Assert.Equal(1, await fx.FailedCreatesAsync());
    }

    [Fact]
    public async Task Create_EciWarnsStockExhaust_TheZoneIsLearnedAsLow()
    {
        await using var fx = await ZoneRuntime.StartAsync();
        await fx.SetStockAsync("h", 3); // at or below the local ECI service's low-stock threshold (5): StockExhaust on the group
        Assert.Equal("cn-hangzhou-h", (await fx.RunAsync("low")).ZoneId);

        var cache = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OrleansEci.Grains.Zones.ZoneKnowledgeCache>(
            fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress));
        await fx.EventuallyAsync("zone h known as low on stock after ECI's StockExhaust event", () => Task.FromResult(cache.View(cache.ZoneKey("cn-hangzhou-h"), fx.Clock.GetUtcNow())),
            view => view.IsSpecLow("default"));
    }

    [Fact]
    public async Task Refresh_DescribeAvailableResourceSaysSoldOut_NextPodSkipsTheZoneWithoutAFailedCreate()
    {
        await using var fx = await ZoneRuntime.StartAsync(configure: s => s["Zones:AvailableResourceRefresh"] = "00:01:00");
        var specs = new Dictionary<string, string> { ["k8s.aliyun.com/eci-use-specs"] = "ecs.c6.large" };
        Assert.Equal("cn-hangzhou-h", (await fx.RunAsync("typed-a", p => p.Metadata.Annotations = new Dictionary<string, string>(specs))).ZoneId);
        await fx.SetStockAsync("h", 0, "ecs.c6.large");

        // The zone grain's next refresh (fake minute) reads ECI's WithoutStock; the silo's copy follows within 5 s.
        var cache = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OrleansEci.Grains.Zones.ZoneKnowledgeCache>(
            fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress));
        await fx.EventuallyAsync("zone h known out of ecs.c6.large from DescribeAvailableResource",
            () => Task.FromResult(cache.View(cache.ZoneKey("cn-hangzhou-h"), fx.Clock.GetUtcNow()).IsSpecOut("ecs.c6.large")), known => known,
            TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5));

        Assert.Equal("cn-hangzhou-i", (await fx.RunAsync("typed-b", p => p.Metadata.Annotations = new Dictionary<string, string>(specs))).ZoneId);
        Assert.True(await fx.FailedCreatesAsync() == 0, "Expected no NoStock: the refresh had already said zone h is sold out of ecs.c6.large");
        Assert.True((await fx.CallsAsync("DescribeAvailableResource")).Succeeded >= 1, "Expected the zone grain to have called DescribeAvailableResource");
    }
}
