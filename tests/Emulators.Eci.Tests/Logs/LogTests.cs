using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Logs;

/// <summary>DescribeContainerLog from the echo convention, with Tail, SinceSeconds, LimitBytes, Timestamps, LastTime.</summary>
public sealed class LogTests
{
    private const string Script = "echo one; sleep 10; echo two; sleep 10; echo three; sleep 5; exit 1";

    private static async Task<string> LogAsync(TestEmulator eci, string id, Dictionary<string, string>? extra = null)
    {
        Dictionary<string, string> p = new(extra ?? []) { ["ContainerGroupId"] = id, ["ContainerName"] = "app" };
        return (await eci.Client.CallAsync("DescribeContainerLog", p)).EnsureOk()["Content"].GetString()!;
    }

    [Fact]
    public async Task Log_AsTimePasses_ShowsEchoLinesWrittenSoFar()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("logger", Script);
        eci.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("one\n", await LogAsync(eci, id));
        eci.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("one\ntwo\nthree\n", await LogAsync(eci, id));
    }

    [Fact]
    public async Task Log_TailSinceLimitAndTimestamps_SelectAndFormatLines()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("logger", Script);
        eci.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal("three\n", await LogAsync(eci, id, new() { ["Tail"] = "1" }));
        Assert.Equal("two\nthree\n", await LogAsync(eci, id, new() { ["SinceSeconds"] = "15" }));
        Assert.Equal("one\ntw", await LogAsync(eci, id, new() { ["LimitBytes"] = "6" }));
        Assert.Equal("2026-01-01T00:00:05.000000000Z one\n", await LogAsync(eci, id, new() { ["Timestamps"] = "true", ["Tail"] = "3", ["LimitBytes"] = "35" }));
    }

    [Fact]
    public async Task Log_LastTimeAfterRestart_ReturnsPreviousRun()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("logger", Script);
        eci.Advance(TimeSpan.FromSeconds(30 + 10 + 5));
        Assert.Equal("one\n", await LogAsync(eci, id));
        Assert.Equal("one\ntwo\nthree\n", await LogAsync(eci, id, new() { ["LastTime"] = "true" }));
    }

    [Fact]
    public async Task Log_UnknownContainer_AnswersNotFound()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("logger", Script);
        (await eci.Client.CallAsync("DescribeContainerLog", new Dictionary<string, string> { ["ContainerGroupId"] = id, ["ContainerName"] = "nope" }))
            .AssertError(404, "InvalidParameter.NotFound");
    }
}
