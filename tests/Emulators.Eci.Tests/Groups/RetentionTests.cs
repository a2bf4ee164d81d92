using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Groups;

/// <summary>Terminal groups: all kept for an hour, then only the latest 100 (reference §3.2).</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Describe_TerminalGroupsOlderThanAnHour_KeepsOnlyLatestHundred()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync(o => o.RateLimits.Unlimited = true);
        Dictionary<string, string> never = new() { ["RestartPolicy"] = "Never" };
        for (int i = 0; i < 105; i++)
        {
            await eci.CreateAsync($"job-{i}", "exit 0", never);
            eci.Advance(TimeSpan.FromSeconds(1));
        }

        string running = await eci.CreateAsync("server");
        eci.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(106, (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk()["TotalCount"].GetInt32());
        eci.Advance(TimeSpan.FromMinutes(31));
        EciResponse r = (await eci.Client.CallAsync("DescribeContainerGroups", new Dictionary<string, string> { ["Status"] = "Succeeded" })).EnsureOk();
        Assert.Equal(100, r["TotalCount"].GetInt32());
        Assert.Equal("Running", await eci.StatusAsync(running));
        EciResponse oldest = (await eci.Client.CallAsync("DescribeContainerGroups", new Dictionary<string, string> { ["ContainerGroupName"] = "job-0" })).EnsureOk();
        Assert.Equal(0, oldest["TotalCount"].GetInt32());
    }

    [Fact]
    public async Task Describe_PagesOfTwenty_WalkEveryGroupOnceWithNextToken()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        HashSet<string> created = [];
        for (int i = 0; i < 45; i++)
        {
            created.Add(await eci.CreateAsync($"g-{i}", extra: new Dictionary<string, string> { ["Tag.1.Key"] = "app", ["Tag.1.Value"] = i % 3 == 0 ? "a" : "b" }));
        }

        List<string> seen = [];
        string token = "";
        do
        {
            Dictionary<string, string> p = new() { ["Tag.1.Key"] = "app", ["Tag.1.Value"] = "b" };
            if (token.Length > 0)
            {
                p["NextToken"] = token;
            }

            EciResponse r = (await eci.Client.CallAsync("DescribeContainerGroups", p)).EnsureOk();
            Assert.True(r["ContainerGroups"].GetArrayLength() <= 20, "A page holds at most 20 groups");
            seen.AddRange(r["ContainerGroups"].EnumerateArray().Select(g => g.GetProperty("ContainerGroupId").GetString()!));
            token = r["NextToken"].GetString()!;
        }
        while (token.Length > 0);

        Assert.Equal(30, seen.Count);
        Assert.Equal(30, seen.Distinct().Count());
    }
}
