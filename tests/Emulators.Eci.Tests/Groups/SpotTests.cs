using System.Text.Json;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Groups;

/// <summary>Spot reclaim: a SpotToBeReleased warning, then Expired (reference §4.2).</summary>
public sealed class SpotTests
{
    private static JsonElement? Event(JsonElement g, string reason) =>
        g.GetProperty("Events").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("Reason").GetString() == reason);

    [Fact]
    public async Task Reclaim_ThroughControlApi_WarnsThenExpiresAfterThreeMinutes()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("spot", extra: new Dictionary<string, string> { ["SpotStrategy"] = "SpotAsPriceGo" });
        eci.Advance(TimeSpan.FromSeconds(5));
        await eci.ControlAsync(HttpMethod.Post, $"groups/{id}/reclaim");
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Spot ECI will be released in 3 minutes", Event(g, "SpotToBeReleased")?.GetProperty("Message").GetString());
        Assert.Equal("Warning", Event(g, "SpotToBeReleased")?.GetProperty("Type").GetString());
        eci.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        Assert.Equal("Running", await eci.StatusAsync(id));
        eci.Advance(TimeSpan.FromSeconds(1));
        g = await eci.DescribeAsync(id);
        Assert.Equal("Expired", g.GetProperty("Status").GetString());
        Assert.Equal("BidFailed", g.GetProperty("Containers")[0].GetProperty("CurrentState").GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task MarketPriceAboveLimit_AfterProtectionPeriod_ReclaimedAtNextCheck()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("spot", extra: new Dictionary<string, string>
        {
            ["SpotStrategy"] = "SpotWithPriceLimit", ["SpotPriceLimit"] = "0.5", ["SpotDuration"] = "1",
        });
        eci.Advance(TimeSpan.FromMinutes(10));
        await eci.ControlAsync(HttpMethod.Put, "spot-price", new { spec = "2-4Gi", price = 0.9 });
        eci.Advance(TimeSpan.FromMinutes(49));
        Assert.Null(Event(await eci.DescribeAsync(id), "SpotToBeReleased"));
        eci.Advance(TimeSpan.FromMinutes(1));
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("2026-01-01T01:00:00Z", Event(g, "SpotToBeReleased")?.GetProperty("FirstTimestamp").GetString());
        eci.Advance(TimeSpan.FromMinutes(3));
        g = await eci.DescribeAsync(id);
        Assert.Equal("Expired", g.GetProperty("Status").GetString());
        Assert.Equal("2026-01-01T01:03:00Z", g.GetProperty("ExpiredTime").GetString());
    }

    [Fact]
    public async Task Reclaim_NonSpotGroup_IsRefused()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        using HttpClient http = new() { BaseAddress = eci.Host.ControlUri };
        using HttpResponseMessage r = await http.PostAsync(new Uri($"groups/{id}/reclaim", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, r.StatusCode);
    }
}
