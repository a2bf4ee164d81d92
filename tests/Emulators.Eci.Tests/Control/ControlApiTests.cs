using System.Text.Json;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Control;

/// <summary>The control API: faults, stock, zones, crashes, counters, reset.</summary>
public sealed class ControlApiTests
{
    private static async Task<JsonElement> CallsAsync(TestEmulator eci, string action) =>
        (await eci.ControlAsync(HttpMethod.Get, "calls")).GetProperty(action);

    [Fact]
    public async Task Faults_ErrorForNextTwoCreates_AnswersServiceUnavailableTwiceThenWorks()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Post, "faults", new { kind = "error", status = 503, action = "CreateContainerGroup", count = 2 });
        (await eci.TryCreateAsync("web")).AssertError(503, "ServiceUnavailable");
        (await eci.TryCreateAsync("web")).AssertError(503, "ServiceUnavailable");
        (await eci.TryCreateAsync("web")).EnsureOk();
        JsonElement calls = await CallsAsync(eci, "CreateContainerGroup");
        Assert.Equal(3, calls.GetProperty("received").GetInt64());
        Assert.Equal(1, calls.GetProperty("succeeded").GetInt64());
        Assert.Equal(2, calls.GetProperty("failed").GetInt64());
        Assert.Equal(2, calls.GetProperty("injected").GetInt64());
    }

    [Fact]
    public async Task Faults_ThrottleHalfOfCalls_ThrottlesSomeAndCountsThem()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Post, "faults", new { kind = "throttle", fraction = 0.5 });
        int throttled = 0;
        for (int i = 0; i < 40; i++)
        {
            EciResponse r = await eci.Client.CallAsync("DescribeRegions");
            throttled += r.Code == "Throttling.User" ? 1 : 0;
        }

        Assert.InRange(throttled, 1, 39);
        Assert.Equal(throttled, (await CallsAsync(eci, "DescribeRegions")).GetProperty("throttled").GetInt64());
    }

    [Fact]
    public async Task Faults_TimeoutAfterSuccess_DropsAnswerButGroupExists()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Post, "faults", new { kind = "timeout-after-success", action = "CreateContainerGroup", count = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => eci.TryCreateAsync("web", extra: new Dictionary<string, string> { ["ClientToken"] = "t-1" }));
        Assert.Equal(1, (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk()["TotalCount"].GetInt32());
        string retried = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["ClientToken"] = "t-1" });
        Assert.Equal(1, (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk()["TotalCount"].GetInt32());
        Assert.StartsWith("eci-", retried, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_ForOneVSwitch_FireOnlyForCreatesListingIt()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Post, "faults", new { kind = "error", status = 503, action = "CreateContainerGroup", vSwitchId = "vsw-emu-i", count = 1 });
        (await eci.TryCreateAsync("in-h", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-h" })).EnsureOk();
        (await eci.TryCreateAsync("in-i", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-j,vsw-emu-i" })).AssertError(503, "ServiceUnavailable");
        (await eci.TryCreateAsync("in-i", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-i" })).EnsureOk();
        Assert.Equal(1, (await CallsAsync(eci, "CreateContainerGroup")).GetProperty("injected").GetInt64());
    }

    [Fact]
    public async Task Stock_EverySpecOfAZoneSetToZero_SendsCreatesThereToNoStockAndOthersElsewhere()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Put, "stock", new { zoneId = "cn-hangzhou-h", spec = "*", stock = 0 });
        (await eci.TryCreateAsync("sized", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-h", ["Cpu"] = "0.25", ["Memory"] = "0.5" }))
            .AssertError(403, "OperationDenied.NoStock");
        (await eci.TryCreateAsync("typed", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-h", ["InstanceType"] = "ecs.c6.large" }))
            .AssertError(403, "OperationDenied.NoStock");
        (await eci.TryCreateAsync("elsewhere", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-i", ["Cpu"] = "0.25", ["Memory"] = "0.5" })).EnsureOk();
    }

    [Fact]
    public async Task Faults_Latency_AnswersOnlyAfterFakeTimePasses()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Post, "faults", new { kind = "latency", delayMs = 30_000, action = "DescribeRegions", count = 1 });
        Task<EciResponse> call = eci.Client.CallAsync("DescribeRegions");
        for (int i = 0; i < 100 && !call.IsCompleted; i++)
        {
            JsonElement all = await eci.ControlAsync(HttpMethod.Get, "calls");
            if (all.TryGetProperty("DescribeRegions", out JsonElement calls) && calls.GetProperty("injected").GetInt64() == 1)
            {
                eci.Advance(TimeSpan.FromSeconds(30));
            }

            await Task.WhenAny(call, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        (await call).EnsureOk();
        Assert.True(eci.Time.GetUtcNow() >= new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero), "The answer came before 30 s of fake time passed");
    }

    [Fact]
    public async Task Faults_ScheduleFailure_EndsInScheduleFailedWithNoStockEvent()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Post, "faults", new { kind = "schedule-failure", count = 1 });
        string id = await eci.CreateAsync("web");
        eci.Advance(TimeSpan.FromSeconds(2));
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("ScheduleFailed", g.GetProperty("Status").GetString());
        Assert.Contains(g.GetProperty("Events").EnumerateArray(), e => e.GetProperty("Reason").GetString() == "NoStock");
    }

    [Fact]
    public async Task Crash_RunningContainer_RestartsUnderAlwaysPolicy()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(TimeSpan.FromSeconds(5));
        await eci.ControlAsync(HttpMethod.Post, $"groups/{id}/containers/app/crash", new { exitCode = 137 });
        JsonElement c = (await eci.DescribeAsync(id)).GetProperty("Containers")[0];
        Assert.Equal("OOMKilled", c.GetProperty("PreviousState").GetProperty("Reason").GetString());
        eci.Advance(TimeSpan.FromSeconds(10));
        c = (await eci.DescribeAsync(id)).GetProperty("Containers")[0];
        Assert.Equal(1, c.GetProperty("RestartCount").GetInt32());
        Assert.Equal("Running", c.GetProperty("CurrentState").GetProperty("State").GetString());
    }

    [Fact]
    public async Task Zone_Closed_PlacesElsewhereAndListsItUnavailable()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Put, "zones/cn-hangzhou-h", new { available = false });
        string id = await eci.CreateAsync("web");
        Assert.Equal("cn-hangzhou-i", (await eci.DescribeAsync(id)).GetProperty("ZoneId").GetString());
        EciResponse regions = (await eci.Client.CallAsync("DescribeRegions")).EnsureOk();
        Assert.Equal("cn-hangzhou-h", regions["Regions"][0].GetProperty("UnavailableZones")[0].GetString());
    }

    [Fact]
    public async Task Reset_AfterActivity_ForgetsGroupsAndCounters()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.CreateAsync("web");
        await eci.ControlAsync(HttpMethod.Post, "reset");
        Assert.Equal(0, (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk()["TotalCount"].GetInt32());
        JsonElement region = await eci.ControlAsync(HttpMethod.Get, "region");
        Assert.Equal(0, region.GetProperty("usedCpu").GetDouble());
        Assert.Equal(1, (await CallsAsync(eci, "DescribeContainerGroups")).GetProperty("received").GetInt64());
    }

    [Fact]
    public async Task Faults_UnknownKind_AnswersBadRequestSayingWhatIsAllowed()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        using HttpClient http = new() { BaseAddress = eci.Host.ControlUri };
        using HttpResponseMessage r = await http.PostAsync(new Uri("faults", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { kind = "explode" }), TestContext.Current.CancellationToken);
        string body = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(r.StatusCode == System.Net.HttpStatusCode.BadRequest && body.Contains("timeout-after-success", StringComparison.Ordinal), $"Got {(int)r.StatusCode} {body}");
    }
}
