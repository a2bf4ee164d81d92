using System.Globalization;
using System.Net;

using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Logs;

/// <summary><c>GET /containerLogs</c> with each query parameter, against real groups in the local ECI service.</summary>
public sealed class ContainerLogEndpointTests : IAsyncLifetime
{
    // Starts 5 s after creation (S); "one" at S, "two" at S+10, "three" at S+20.
    private const string Script = "echo one; sleep 10; echo two; sleep 10; echo three; sleep infinity";

    private KubeletTestServer _server = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await KubeletTestServer.StartAsync();
        _client = _server.ApiServer();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<DateTimeOffset> RunLoggerAsync(string name = "web")
    {
        var (_, created) = await _server.RunPodAsync(name, Script);
        _server.Clock.Advance(TimeSpan.FromSeconds(25)); // all three lines written
        return created.AddSeconds(5);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("", "one\ntwo\nthree\n")]
    [InlineData("?tailLines=1", "three\n")]
    [InlineData("?tailLines=0", "")]
    [InlineData("?sinceSeconds=20", "two\nthree\n")]
    [InlineData("?limitBytes=6", "one\ntw")]
    [InlineData("?timestamps=false&previous=false&follow=false", "one\ntwo\nthree\n")]
    public async Task ContainerLogs_QueryParameter_SelectsLines(string query, string expected)
    {
        await RunLoggerAsync();
        var (status, body) = await GetAsync("/containerLogs/default/web/app" + query);
        Assert.True(status == HttpStatusCode.OK && body == expected, $"Expected 200 \"{expected}\" for default/web{query}, got {(int)status} \"{body}\"");
    }

    [Fact]
    public async Task ContainerLogs_SinceTime_KeepsLinesFromThatTime()
    {
        var started = await RunLoggerAsync();
        var since = started.AddSeconds(10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var (status, body) = await GetAsync($"/containerLogs/default/web/app?sinceTime={since}");
        Assert.True(status == HttpStatusCode.OK && body == "two\nthree\n", $"Expected lines from {since} for default/web, got {(int)status} \"{body}\"");
    }

    [Fact]
    public async Task ContainerLogs_Timestamps_PrefixesRfc3339NanoTimes()
    {
        var started = await RunLoggerAsync();
        var (status, body) = await GetAsync("/containerLogs/default/web/app?timestamps=true&tailLines=2");
        var expected = $"{Stamp(started.AddSeconds(10))} two\n{Stamp(started.AddSeconds(20))} three\n";
        Assert.True(status == HttpStatusCode.OK && body == expected, $"Expected \"{expected}\" for default/web, got {(int)status} \"{body}\"");
    }

    [Fact]
    public async Task ContainerLogs_PreviousAfterRestart_ReturnsTheLastRun()
    {
        // Runs from S: "a" at S, "b" at S+5, exits at S+10, restarts at S+20 after the 10 s back-off.
        await _server.RunPodAsync("crashy", "echo a; sleep 5; echo b; sleep 5; exit 1");
        _server.Clock.Advance(TimeSpan.FromSeconds(21));
        var (currentStatus, current) = await GetAsync("/containerLogs/default/crashy/app");
        var (previousStatus, previous) = await GetAsync("/containerLogs/default/crashy/app?previous=true");
        Assert.True(currentStatus == HttpStatusCode.OK && current == "a\n", $"Expected the current run's \"a\\n\" for default/crashy, got {(int)currentStatus} \"{current}\"");
        Assert.True(previousStatus == HttpStatusCode.OK && previous == "a\nb\n", $"Expected the previous run's \"a\\nb\\n\" for default/crashy, got {(int)previousStatus} \"{previous}\"");
    }

    [Fact]
    public async Task ContainerLogs_UnknownPod_Returns404SayingSo()
    {
        var (status, body) = await GetAsync("/containerLogs/default/ghost/app");
        Assert.True(status == HttpStatusCode.NotFound && body.Contains("pod \"default/ghost\"", StringComparison.Ordinal),
            $"Expected 404 naming pod default/ghost, got {(int)status} \"{body}\"");
    }

    [Fact]
    public async Task ContainerLogs_UnknownContainer_Returns404SayingSo()
    {
        await RunLoggerAsync();
        var (status, body) = await GetAsync("/containerLogs/default/web/nope");
        Assert.True(status == HttpStatusCode.NotFound && body.Contains("container \"nope\" not found in pod \"default/web\"", StringComparison.Ordinal),
            $"Expected 404 naming container nope of default/web, got {(int)status} \"{body}\"");
    }

    [Fact]
    public async Task ContainerLogs_PodWithoutGroupYet_Returns400WaitingToStart()
    {
        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("default", "new", KubeletTestServer.Node, _server.Clock.GetUtcNow(), "app"), null));
        var (status, body) = await GetAsync("/containerLogs/default/new/app");
        Assert.True(status == HttpStatusCode.BadRequest && body.Contains("is waiting to start", StringComparison.Ordinal),
            $"Expected 400 'waiting to start' for default/new without a container group, got {(int)status} \"{body}\"");
    }

    [Fact]
    public async Task ContainerLogs_GroupGoneFromEci_Returns404()
    {
        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("default", "lost", KubeletTestServer.Node, _server.Clock.GetUtcNow(), "app"), "eci-does-not-exist"));
        var (status, body) = await GetAsync("/containerLogs/default/lost/app");
        Assert.True(status == HttpStatusCode.NotFound, $"Expected 404 when ECI does not know default/lost's group, got {(int)status} \"{body}\"");
    }

    [Theory]
    [InlineData("tailLines=-1", "tailLines")]
    [InlineData("tailLines=ten", "tailLines")]
    [InlineData("tailLines=1&tailLines=2", "tailLines")]
    [InlineData("limitBytes=0", "limitBytes")]
    [InlineData("limitBytes=1e3", "limitBytes")]
    [InlineData("sinceSeconds=0", "sinceSeconds")]
    [InlineData("sinceSeconds=99999999999999999999", "sinceSeconds")]
    [InlineData("sinceTime=yesterday", "sinceTime")]
    [InlineData("sinceTime=2026-06-01", "sinceTime")]
    [InlineData("sinceTime=2026-06-01T08:00:00", "sinceTime")]
    [InlineData("timestamps=yes", "timestamps")]
    [InlineData("previous=2", "previous")]
    [InlineData("follow=", "follow")]
    [InlineData("sinceSeconds=5&sinceTime=2026-06-01T08:00:00Z", "sinceTime or sinceSeconds")]
    public async Task ContainerLogs_MalformedParameter_Returns400NamingIt(string query, string named)
    {
        await RunLoggerAsync();
        var (status, body) = await GetAsync("/containerLogs/default/web/app?" + query);
        Assert.True(status == HttpStatusCode.BadRequest && body.Contains(named, StringComparison.Ordinal),
            $"Expected 400 naming \"{named}\" for ?{query} on default/web, got {(int)status} \"{body}\"");
    }
}
