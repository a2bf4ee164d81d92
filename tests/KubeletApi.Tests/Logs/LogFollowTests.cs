using System.Net;
using System.Net.Http.Json;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.KubeletApi.Logs;
using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Logs;

/// <summary><c>logs -f</c>: new lines as the fake clock moves, none twice, ending on disconnect, container end or limitBytes.</summary>
public sealed class LogFollowTests : IAsyncLifetime
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

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> FollowAsync(string query)
    {
        var response = await _client.GetAsync(new Uri("/containerLogs/default/web/app?follow=true" + query, UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for following default/web, got {(int)response.StatusCode}");
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));
    }

    private int Followers => _server.Services.GetRequiredService<LogFollowBudget>().Followers;

    [Fact]
    public async Task Follow_AsTheClockAdvances_DeliversEachNewLineOnceAndStopsOnDisconnect()
    {
        await _server.RunPodAsync("web", Script);
        var (response, reader) = await FollowAsync("");
        var seen = new List<string?> { await reader.ReadLineAsync(TestContext.Current.CancellationToken) };
        seen.Add(await _server.AdvanceUntilAsync(reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask(), "\"two\" on default/web's follow"));
        seen.Add(await _server.AdvanceUntilAsync(reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask(), "\"three\" on default/web's follow"));
        Assert.Equal(["one", "two", "three"], seen);
        Assert.Equal(1, Followers);

        response.Dispose(); // the client disconnects (Ctrl+C)
        reader.Dispose();
        var left = Task.Run(async () =>
        {
            while (Followers != 0)
            {
                await Task.Delay(10);
            }

            return true;
        });
        Assert.True(await _server.AdvanceUntilAsync(left, "the follower of default/web to stop after the client disconnected"));
    }

    [Fact]
    public async Task Follow_ContainerEnds_SendsItsLastLinesAndEndsTheStream()
    {
        var (pod, _) = await _server.RunPodAsync("web", Script);
        var (response, reader) = await FollowAsync("");
        using (response)
        using (reader)
        {
            Assert.Equal("one", await reader.ReadLineAsync(TestContext.Current.CancellationToken));

            // The pod's status says the container ended; the follower reads once more ("two" is written by then) and stops.
            _server.Clock.Advance(TimeSpan.FromSeconds(10));
            _server.Pods.Put(pod with { Pod = FakePodDirectory.Terminated(pod.Pod, "app", _server.Clock.GetUtcNow()) });
            var rest = await _server.AdvanceUntilAsync(reader.ReadToEndAsync(TestContext.Current.CancellationToken), "default/web's follow to end once its container ended");
            Assert.True(rest == "two\n", $"Expected the last line \"two\\n\" and the end of default/web's stream, got \"{rest}\"");
        }
    }

    [Fact]
    public async Task Follow_PodDeleted_EndsTheStream()
    {
        await _server.RunPodAsync("web", Script);
        var (response, reader) = await FollowAsync("");
        using (response)
        using (reader)
        {
            Assert.Equal("one", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
            _server.Pods.Remove("default", "web");
            var rest = await _server.AdvanceUntilAsync(reader.ReadToEndAsync(TestContext.Current.CancellationToken), "default/web's follow to end once the pod is gone");
            Assert.True(rest.Length == 0, $"Expected nothing more after default/web was deleted, got \"{rest}\"");
        }
    }

    [Fact]
    public async Task Follow_LimitBytes_StopsAtTheLimitAcrossPolls()
    {
        await _server.RunPodAsync("web", Script);
        var (response, reader) = await FollowAsync("&limitBytes=6");
        using (response)
        using (reader)
        {
            var all = await _server.AdvanceUntilAsync(reader.ReadToEndAsync(TestContext.Current.CancellationToken), "default/web's follow to end at 6 bytes");
            Assert.True(all == "one\ntw", $"Expected exactly 6 bytes \"one\\ntw\" from default/web, got \"{all}\"");
        }
    }

    [Fact]
    public async Task Follow_TailZeroWithTimestamps_SendsOnlyNewLinesStamped()
    {
        var (_, created) = await _server.RunPodAsync("web", Script);
        var (response, reader) = await FollowAsync("&tailLines=0&timestamps=true");
        using (response)
        using (reader)
        {
            var line = await _server.AdvanceUntilAsync(reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask(), "the first new line of default/web");
            Assert.True(line == "2026-06-01T08:00:15.000000000Z two", $"Expected only the new line \"two\" stamped at S+10 (created {created:O}), got \"{line}\"");
        }
    }

    private async Task ThrottleNextLogCallAsync()
    {
        using var http = new HttpClient();
        using var fault = await http.PostAsJsonAsync(new Uri(_server.Eci.ControlUri, "faults"),
            new { kind = "throttle", action = "DescribeContainerLog", count = 1 }, TestContext.Current.CancellationToken);
        fault.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Follow_PollThrottled_KeepsFollowingAtTheNextInterval()
    {
        await _server.RunPodAsync("web", Script);
        var (response, reader) = await FollowAsync("");
        using (response)
        using (reader)
        {
            Assert.Equal("one", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
            await ThrottleNextLogCallAsync();
            var two = await _server.AdvanceUntilAsync(reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask(), "\"two\" after a throttled poll of default/web");
            Assert.Equal("two", two);
            using var http = new HttpClient();
            var calls = await http.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri(_server.Eci.ControlUri, "calls"), TestContext.Current.CancellationToken);
            Assert.True(calls.GetProperty("DescribeContainerLog").GetProperty("injected").GetInt64() == 1, "Expected one poll of default/web to have been throttled");
        }
    }

    [Fact]
    public async Task Logs_FirstReadThrottled_Returns429()
    {
        await _server.RunPodAsync("web", Script);
        await ThrottleNextLogCallAsync();
        using var response = await _client.GetAsync(new Uri("/containerLogs/default/web/app?follow=true", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests && body.Contains("default/web", StringComparison.Ordinal),
            $"Expected 429 naming default/web when ECI throttles the first read, got {(int)response.StatusCode} \"{body}\"");
        Assert.Equal(0, Followers);
    }

    [Fact]
    public async Task Follow_Previous_AnswersOnceWithoutFollowing()
    {
        await _server.RunPodAsync("web", Script);
        using var response = await _client.GetAsync(new Uri("/containerLogs/default/web/app?follow=true&previous=true", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for previous logs of default/web, got {(int)response.StatusCode}");
        Assert.Equal(0, Followers);
    }
}
