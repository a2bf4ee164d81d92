using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Groups;

/// <summary>ClientToken semantics (reference §1.7).</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public async Task Create_SameTokenSameParameters_ReturnsSameGroup()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        Dictionary<string, string> extra = new() { ["ClientToken"] = "token-1" };
        string first = await eci.CreateAsync("web", extra: extra);
        string second = await eci.CreateAsync("web", extra: extra);
        Assert.Equal(first, second);
        EciResponse list = (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk();
        Assert.Equal(1, list["TotalCount"].GetInt32());
    }

    [Fact]
    public async Task Create_SameTokenOtherParameters_AnswersIdempotentParameterMismatch()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["ClientToken"] = "token-1" });
        (await eci.TryCreateAsync("other", extra: new Dictionary<string, string> { ["ClientToken"] = "token-1" })).AssertError(400, "IdempotentParameterMismatch");
    }

    [Fact]
    public async Task Create_ConcurrentRetriesOfOneToken_CreateOneGroup()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        Dictionary<string, string> extra = new() { ["ClientToken"] = "token-race" };
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => eci.CreateAsync("web", extra: extra)));
        Assert.True(ids.Distinct().Count() == 1, $"Expected one group id, got {string.Join(", ", ids)}");
    }

    [Fact]
    public async Task Delete_RetriedWithSameToken_SucceedsAgainWithoutNotFound()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        Dictionary<string, string> delete = new() { ["ContainerGroupId"] = id, ["ClientToken"] = "del-1" };
        (await eci.Client.CallAsync("DeleteContainerGroup", delete)).EnsureOk();
        (await eci.Client.CallAsync("DeleteContainerGroup", delete)).EnsureOk();
        (await eci.Client.CallAsync("DeleteContainerGroup", new Dictionary<string, string> { ["ContainerGroupId"] = id })).AssertError(404, "InvalidParameter.NotFound");
    }

    [Fact]
    public async Task Update_SameTokenOtherParameters_AnswersIdempotentParameterMismatch()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(TimeSpan.FromSeconds(5));
        Dictionary<string, string> update = new() { ["ContainerGroupId"] = id, ["ClientToken"] = "upd-1", ["Container.1.Name"] = "app", ["Container.1.Image"] = "nginx:1" };
        (await eci.Client.CallAsync("UpdateContainerGroup", update)).EnsureOk();
        (await eci.Client.CallAsync("UpdateContainerGroup", update)).EnsureOk();
        update["Container.1.Image"] = "nginx:2";
        (await eci.Client.CallAsync("UpdateContainerGroup", update)).AssertError(400, "IdempotentParameterMismatch");
    }
}
