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
}
