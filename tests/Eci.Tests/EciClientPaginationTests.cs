using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests;

/// <summary>NextToken pagination as async streams.</summary>
public sealed class EciClientPaginationTests : ScriptedServerTest
{
    private static ScriptedAnswer Page(string listName, string? nextToken, params string[] ids) =>
        ScriptedAnswer.Ok($$"""{"RequestId":"R","NextToken":"{{nextToken}}","TotalCount":4,"{{listName}}":[{{string.Join(',', ids.Select(id => $$"""{"ContainerGroupId":"{{id}}"}"""))}}]}""");

    [Fact]
    public async Task ListContainerGroupsAsync_ThreePages_YieldsEveryGroupFollowingNextToken()
    {
        Server.Default = call => call["NextToken"] switch
        {
            null => Page("ContainerGroups", "t1", "eci-a", "eci-b"),
            "t1" => Page("ContainerGroups", "t2", "eci-c"),
            _ => Page("ContainerGroups", "", "eci-d"),
        };
        var client = Client();

        var ids = await client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [new("NodeName", "vk-1")], Limit = 20 }, Ct)
            .Select(static g => g.ContainerGroupId).ToListAsync(Ct);

        Assert.Equal(["eci-a", "eci-b", "eci-c", "eci-d"], ids);
        Assert.Equal([null, "t1", "t2"], Server.Calls.Select(static c => c["NextToken"]));
        Assert.All(Server.Calls, static c => Assert.Equal(("vk-1", "20"), (c["Tag.1.Value"], c["Limit"])));
    }

    [Fact]
    public async Task ListContainerGroupsAsync_ReaderStopsEarly_FetchesNoFurtherPage()
    {
        Server.Default = static _ => Page("ContainerGroups", "more", "eci-a", "eci-b");
        var client = Client();

        var first = await client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest(), Ct).FirstAsync(Ct);

        Assert.Equal("eci-a", first.ContainerGroupId);
        Assert.Single(Server.Calls);
    }

    [Fact]
    public async Task ListContainerGroupStatusesAsync_TokenComesBackTwice_StopsWithAnError()
    {
        Server.Default = static _ => Page("Data", "same", "eci-a");
        var client = Client();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await client.ListContainerGroupStatusesAsync(new DescribeContainerGroupStatusRequest { SinceSecond = 60 }, Ct).ToListAsync(Ct));

        Assert.Contains("NextToken 'same' a second time", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.Calls.Count);
        Assert.All(Server.Calls, static c => Assert.Equal("60", c["SinceSecond"]));
    }

    [Fact]
    public async Task ListContainerGroupEventsAsync_TwoPages_YieldsBoth()
    {
        Server.Default = call => call["NextToken"] is null ? Page("Data", "n", "eci-a") : Page("Data", null, "eci-b");
        var client = Client();

        var ids = await client.ListContainerGroupEventsAsync(new DescribeContainerGroupEventsRequest { EventSource = "EciService" }, Ct)
            .Select(static e => e.ContainerGroupId).ToListAsync(Ct);

        Assert.Equal(["eci-a", "eci-b"], ids);
        Assert.Equal("EciService", Server.Calls[0]["EventSource"]);
    }
}
