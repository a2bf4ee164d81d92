using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using OrleansEci.Eci.Metrics;
using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Stats;

/// <summary><c>/metrics/resource</c> from DescribeMultiContainerGroupMetric, parsed back as metrics-server reads it.</summary>
public sealed class ResourceMetricsTests : IAsyncLifetime
{
    private const string Forever = "echo up; sleep infinity";

    private KubeletTestServer _server = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await KubeletTestServer.StartAsync();
        _client = _server.Client(token: KubeletTestServer.AdminToken); // metrics-server calls with its ServiceAccount token
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<List<PrometheusSample>> ScrapeAsync()
    {
        using var response = await _client.GetAsync(new Uri("/metrics/resource", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 from /metrics/resource, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return PrometheusSample.Parse(text);
    }

    private async Task<long> MetricCallsAsync()
    {
        using var http = new HttpClient();
        var calls = await http.GetFromJsonAsync<JsonElement>(new Uri(_server.Eci.ControlUri, "calls"), TestContext.Current.CancellationToken);
        return calls.TryGetProperty("DescribeMultiContainerGroupMetric", out var c) ? c.GetProperty("received").GetInt64() : 0;
    }

    private static PrometheusSample One(List<PrometheusSample> samples, string name, string pod, string? container = null) =>
        samples.SingleOrDefault(s => s.Name == name && s.Labels.GetValueOrDefault("pod") == pod && s.Labels.GetValueOrDefault("container") == container)
        ?? throw new Xunit.Sdk.XunitException($"Expected one {name} sample for pod default/{pod} container {container ?? "(none)"}; got none or several");

    [Fact]
    public async Task MetricsResource_RunningPods_ReportEciUsagePerContainerPodAndNode()
    {
        var (a, aCreated) = await _server.RunPodAsync("alpha", Forever, containers: 2);
        var (b, _) = await _server.RunPodAsync("beta", Forever);
        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        var samples = await ScrapeAsync();

        // The same fake instant, read directly: the kubelet's numbers must be ECI's, converted.
        var direct = await _server.EciClient.DescribeMultiContainerGroupMetricAsync(
            new DescribeMultiContainerGroupMetricRequest { ContainerGroupIds = [a.ContainerGroupId!, b.ContainerGroupId!] }, TestContext.Current.CancellationToken);
        var alpha = direct.MonitorDatas.Single(d => d.ContainerGroupId == a.ContainerGroupId).Records.MaxBy(r => r.Timestamp)!;
        var beta = direct.MonitorDatas.Single(d => d.ContainerGroupId == b.ContainerGroupId).Records.MaxBy(r => r.Timestamp)!;
        var app = alpha.Containers.Single(c => c.Name == "app");

        var cpu = One(samples, "container_cpu_usage_seconds_total", "alpha", "app");
        Assert.True(Math.Abs(cpu.Value - (app.Cpu!.UsageCoreNanoSeconds!.Value / 1e9)) < 1e-6,
            $"Expected default/alpha app's CPU {app.Cpu.UsageCoreNanoSeconds / 1e9} core-seconds, got {cpu.Value}");
        Assert.Equal(alpha.Timestamp!.Value.ToUnixTimeMilliseconds(), cpu.TimestampMs);
        Assert.Equal(app.Memory!.WorkingSet!.Value, One(samples, "container_memory_working_set_bytes", "alpha", "app").Value);
        Assert.Equal((aCreated + KubeletTestServer.StartDelay).ToUnixTimeSeconds(), One(samples, "container_start_time_seconds", "alpha", "app").Value);
        Assert.Null(One(samples, "container_start_time_seconds", "alpha", "app").TimestampMs);
        Assert.Equal("default", cpu.Labels["namespace"]);

        Assert.Equal(beta.Memory!.WorkingSet!.Value, One(samples, "pod_memory_working_set_bytes", "beta").Value);
        var node = samples.Single(s => s.Name == "node_memory_working_set_bytes");
        Assert.True(node.Value == alpha.Memory!.WorkingSet!.Value + beta.Memory.WorkingSet.Value,
            $"Expected the node's working set to be the sum of its pods', got {node.Value}");
        Assert.Single(samples, s => s.Name == "node_cpu_usage_seconds_total");

        // metrics-server drops a pod when any of its containers shows 0 (kubectl-wire.md §8): the idle sidecar is floored.
        Assert.All(samples.Where(s => s.Name.EndsWith("_total", StringComparison.Ordinal) || s.Name.EndsWith("_bytes", StringComparison.Ordinal)),
            s => Assert.True(s.Value > 0, $"Expected no zero for {s.Name} of pod {s.Labels.GetValueOrDefault("pod")}"));
        Assert.Equal(0, samples.Single(s => s.Name == "scrape_error").Value);
        Assert.Equal(0, samples.Single(s => s.Name == "resource_scrape_error").Value);
    }

    [Fact]
    public async Task MetricsResource_TwentyFivePods_TwoBatchedCallsCachedUntilTheTtl()
    {
        for (var i = 0; i < 25; i++)
        {
            await _server.RunPodAsync($"p{i:00}", Forever);
        }

        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("default", "pending", KubeletTestServer.Node, _server.Clock.GetUtcNow(), "app"), null));
        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("default", "elsewhere", "other-node", _server.Clock.GetUtcNow(), "app"), "eci-not-ours"));
        var before = await MetricCallsAsync();
        var first = await ScrapeAsync();
        Assert.Equal(before + 2, await MetricCallsAsync());
        Assert.Equal(25, first.Count(s => s.Name == "pod_cpu_usage_seconds_total"));
        Assert.DoesNotContain(first, s => s.Labels.GetValueOrDefault("pod") is "pending" or "elsewhere");

        _server.Clock.Advance(TimeSpan.FromSeconds(5));
        await ScrapeAsync();
        Assert.True(await MetricCallsAsync() == before + 2, "Expected a second scrape within the 10 s cache TTL to cost no ECI call");

        _server.Clock.Advance(TimeSpan.FromSeconds(6));
        await ScrapeAsync();
        Assert.True(await MetricCallsAsync() == before + 4, "Expected a scrape after the cache TTL to read ECI again, in two batches of at most 20 groups");
    }

    [Fact]
    public async Task MetricsResource_EciFails_ReportsOnlyScrapeError()
    {
        await _server.RunPodAsync("alpha", Forever);
        using var http = new HttpClient();
        using var fault = await http.PostAsJsonAsync(new Uri(_server.Eci.ControlUri, "faults"),
            new { kind = "error", action = "DescribeMultiContainerGroupMetric", status = 503 }, TestContext.Current.CancellationToken);
        fault.EnsureSuccessStatusCode();
        var samples = await ScrapeAsync();
        Assert.True(samples.Count == 2 && samples.All(s => s.Value == 1 && s.Name is "scrape_error" or "resource_scrape_error"),
            $"Expected only scrape_error 1 and resource_scrape_error 1 when ECI fails, got {string.Join(", ", samples.Select(s => s.Name + "=" + s.Value))}");

        using var summary = await _client.GetAsync(new Uri("/stats/summary", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(summary.StatusCode == HttpStatusCode.ServiceUnavailable, $"Expected 503 from /stats/summary when ECI is unavailable, got {(int)summary.StatusCode}");
    }
}
