using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests;

/// <summary>NextToken pagination as async streams.</summary>
public sealed class EciClientPaginationTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly TestClock _clock = new();
    private readonly HttpClient _http = new();
    private ScriptedEciServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedEciServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static ScriptedAnswer Page(string listName, string? nextToken, params string[] ids) =>
        ScriptedAnswer.Ok($$"""{"RequestId":"R","NextToken":"{{nextToken}}","TotalCount":4,"{{listName}}":[{{string.Join(',', ids.Select(id => $$"""{"ContainerGroupId":"{{id}}"}"""))}}]}""");

    [Fact]
    public async Task ListContainerGroupsAsync_ThreePages_YieldsEveryGroupFollowingNextToken()
    {
        _server.Default = call => call["NextToken"] switch
        {
            null => Page("ContainerGroups", "t1", "eci-a", "eci-b"),
            "t1" => Page("ContainerGroups", "t2", "eci-c"),
            _ => Page("ContainerGroups", "", "eci-d"),
        };
        var client = ClientFactory.Create(_server, _clock, _http);

        var ids = await client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [new("NodeName", "vk-1")], Limit = 20 }, Ct)
            .Select(static g => g.ContainerGroupId).ToListAsync(Ct);

        Assert.Equal(["eci-a", "eci-b", "eci-c", "eci-d"], ids);
        Assert.Equal([null, "t1", "t2"], _server.Calls.Select(static c => c["NextToken"]));
        Assert.All(_server.Calls, static c => Assert.Equal(("vk-1", "20"), (c["Tag.1.Value"], c["Limit"])));
    }

    [Fact]
    public async Task ListContainerGroupsAsync_ReaderStopsEarly_FetchesNoFurtherPage()
    {
        _server.Default = static _ => Page("ContainerGroups", "more", "eci-a", "eci-b");
        var client = ClientFactory.Create(_server, _clock, _http);

        var first = await client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest(), Ct).FirstAsync(Ct);

        Assert.Equal("eci-a", first.ContainerGroupId);
        Assert.Single(_server.Calls);
    }

    [Fact]
    public async Task ListContainerGroupStatusesAsync_TokenComesBackTwice_StopsWithAnError()
    {
        _server.Default = static _ => Page("Data", "same", "eci-a");
        var client = ClientFactory.Create(_server, _clock, _http);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await client.ListContainerGroupStatusesAsync(new DescribeContainerGroupStatusRequest { SinceSecond = 60 }, Ct).ToListAsync(Ct));

        Assert.Contains("NextToken 'same' a second time", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Calls.Count);
        Assert.All(_server.Calls, static c => Assert.Equal("60", c["SinceSecond"]));
    }

    [Fact]
    public async Task ListContainerGroupEventsAsync_TwoPages_YieldsBoth()
    {
        _server.Default = call => call["NextToken"] is null ? Page("Data", "n", "eci-a") : Page("Data", null, "eci-b");
        var client = ClientFactory.Create(_server, _clock, _http);

        var ids = await client.ListContainerGroupEventsAsync(new DescribeContainerGroupEventsRequest { EventSource = "EciService" }, Ct)
            .Select(static e => e.ContainerGroupId).ToListAsync(Ct);

        Assert.Equal(["eci-a", "eci-b"], ids);
        Assert.Equal("EciService", _server.Calls[0]["EventSource"]);
    }
}
