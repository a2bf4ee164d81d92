using System.Text.Json;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Regions;

/// <summary>Multi-zone and multi-spec placement, stock and quotas.</summary>
public sealed class PlacementTests
{
    private static bool HasEvent(JsonElement g, string reason) =>
        g.GetProperty("Events").EnumerateArray().Any(e => e.GetProperty("Reason").GetString() == reason);

    [Fact]
    public async Task Create_FirstZoneOutOfStock_LandsInNextVSwitchWithNoStockEvent()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Put, "stock", new { zoneId = "cn-hangzhou-h", spec = "2-4Gi", stock = 0 });
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-h,vsw-emu-i", ["ScheduleStrategy"] = "VSwitchOrdered" });
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("vsw-emu-i", g.GetProperty("VSwitchId").GetString());
        Assert.True(HasEvent(g, "NoStock"), $"Expected a NoStock event, got {g.GetProperty("Events")}");
    }

    [Fact]
    public async Task Create_InstanceTypeListFirstNotSoldInZone_UsesNextTypeWithAutoInstanceTypeMatch()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-j", ["InstanceType"] = "ecs.c5.large,ecs.c6.large" });
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("ecs.c6.large", g.GetProperty("InstanceType").GetString());
        Assert.True(HasEvent(g, "AutoInstanceTypeMatch"), $"Expected AutoInstanceTypeMatch, got {g.GetProperty("Events")}");
    }

    [Fact]
    public async Task Create_NoCandidateHasStock_AnswersOperationDeniedNoStock()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.TryCreateAsync("web", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-j", ["InstanceType"] = "ecs.c5.large,ecs.gn6i-c4g1.xlarge" }))
            .AssertError(403, "OperationDenied.NoStock");
    }

    [Fact]
    public async Task Create_TakesLastUnits_RecordsStockExhaust()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Put, "stock", new { zoneId = "cn-hangzhou-h", spec = "ecs.c6.large", stock = 3 });
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-h", ["InstanceType"] = "ecs.c6.large" });
        Assert.True(HasEvent(await eci.DescribeAsync(id), "StockExhaust"), "Expected StockExhaust when 2 units are left (threshold 5)");
    }

    [Fact]
    public async Task Create_CpuMemoryBetweenSpecs_RoundsUpToSupportedSpec()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["Cpu"] = "7", ["Memory"] = "13" });
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal(8, g.GetProperty("Cpu").GetDouble());
        Assert.Equal(16, g.GetProperty("Memory").GetDouble());
    }

    [Fact]
    public async Task Create_BeyondVcpuQuota_AnswersQuotaError()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync(o => o.Region.VcpuQuota = 4);
        await eci.CreateAsync("ga");
        await eci.CreateAsync("gb");
        EciResponse r = await eci.TryCreateAsync("gc");
        r.AssertError(403, "QuotaExceed.Cpu");
    }

    [Fact]
    public async Task Create_TinyVSwitchFull_AnswersIpNotEnough()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync(o => o.Region.VSwitches[0].CidrBlock = "10.0.0.0/29");
        Dictionary<string, string> h = new() { ["VSwitchId"] = "vsw-emu-h" };
        for (int i = 0; i < 4; i++)
        {
            await eci.CreateAsync($"g{i}", extra: h);
        }

        (await eci.TryCreateAsync("g5", extra: h)).AssertError(403, "InvalidVSwitchId.IpNotEnough");
    }

    [Fact]
    public async Task DescribeAvailableResource_SoldOutType_ReportsWithoutStock()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        EciResponse r = (await eci.Client.CallAsync("DescribeAvailableResource", new Dictionary<string, string>
        {
            ["DestinationResource.Category"] = "InstanceType", ["DestinationResource.Value"] = "ecs.c5.large", ["ZoneId"] = "cn-hangzhou-j",
        })).EnsureOk();
        JsonElement resource = r["AvailableZones"].GetProperty("AvailableZone")[0].GetProperty("AvailableResources").GetProperty("AvailableResource")[0]
            .GetProperty("SupportedResources").GetProperty("SupportedResource")[0];
        Assert.Equal("WithoutStock", resource.GetProperty("StatusCategory").GetString());
    }

    [Fact]
    public async Task Create_VSwitchRandom_SpreadsAcrossZones()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        HashSet<string> zones = [];
        for (int i = 0; i < 30; i++)
        {
            string id = await eci.CreateAsync($"g-{i}", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-h,vsw-emu-i,vsw-emu-j", ["ScheduleStrategy"] = "VSwitchRandom" });
            zones.Add((await eci.DescribeAsync(id)).GetProperty("ZoneId").GetString()!);
        }

        Assert.True(zones.Count == 3, $"Expected 30 random placements to use all three zones, got {string.Join(", ", zones)}");
    }
}
