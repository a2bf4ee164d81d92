using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.RateLimiting;

/// <summary>Flow control with the published figures, on fake time.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Create_BurstOfHundredSpent_ThrottlesThenRefillsTwentyPerSecond()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        for (int i = 0; i < 100; i++)
        {
            (await eci.TryCreateAsync($"g-{i}")).EnsureOk();
        }

        EciResponse throttled = await eci.TryCreateAsync("g-100");
        throttled.AssertError(400, "Throttling.User");
        Assert.True(throttled.Headers.TryGetValue("x-ratelimit-user-api", out string? header) && header.Contains("TimeLeft:50", StringComparison.Ordinal),
            $"Expected x-ratelimit-user-api with TimeLeft:50 (one token at 20/s), got {string.Join("; ", throttled.Headers)}");
        eci.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 20; i++)
        {
            (await eci.TryCreateAsync($"h-{i}")).EnsureOk();
        }

        (await eci.TryCreateAsync("h-20")).AssertError(400, "Throttling.User");
    }

    [Fact]
    public async Task Describe_PerMinuteRuleSpent_ThrottlesUntilNextMinute()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.ControlAsync(HttpMethod.Put, "rate-limits", new { action = "DescribeContainerGroups", perMinute = 3 });
        for (int i = 0; i < 3; i++)
        {
            (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk();
        }

        EciResponse r = await eci.Client.CallAsync("DescribeContainerGroups");
        r.AssertError(400, "Throttling.User");
        Assert.Contains("TimeLeft:60000", r.Headers["x-ratelimit-user-api"], StringComparison.Ordinal);
        eci.Advance(TimeSpan.FromMinutes(1));
        (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk();
        EciResponse calls = new(System.Net.HttpStatusCode.OK, await eci.ControlAsync(HttpMethod.Get, "calls"), new Dictionary<string, string>());
        Assert.Equal(1, calls["DescribeContainerGroups"].GetProperty("throttled").GetInt64());
    }

    [Fact]
    public async Task Create_Unlimited_NeverThrottles()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync(o => o.RateLimits.Unlimited = true);
        for (int i = 0; i < 150; i++)
        {
            (await eci.TryCreateAsync($"g-{i}")).EnsureOk();
        }
    }
}
