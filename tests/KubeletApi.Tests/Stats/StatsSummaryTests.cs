using System.Net;
using System.Text.Json;

using OrleansEci.Eci.Metrics;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Stats;

/// <summary><c>/stats/summary</c> as stats/v1alpha1 Summary, parsed back.</summary>
public sealed class StatsSummaryTests : IAsyncLifetime
{
    private KubeletTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await KubeletTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StatsSummary_RunningPod_ReportsNodeAndPodUsageFromEci()
    {
        var (pod, created) = await _server.RunPodAsync("alpha", "sleep infinity", containers: 2);
        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        using var client = _server.ApiServer();
        using var response = await client.GetAsync(new Uri("/stats/summary?only_cpu_and_memory=true", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 from /stats/summary, got {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var direct = await _server.EciClient.DescribeMultiContainerGroupMetricAsync(
            new DescribeMultiContainerGroupMetricRequest { ContainerGroupIds = [pod.ContainerGroupId!] }, TestContext.Current.CancellationToken);
        var record = direct.MonitorDatas.Single().Records.MaxBy(r => r.Timestamp)!;

        var node = json.RootElement.GetProperty("node");
        Assert.Equal(KubeletTestServer.Node, node.GetProperty("nodeName").GetString());
        Assert.Equal(record.Cpu!.UsageNanoCores, node.GetProperty("cpu").GetProperty("usageNanoCores").GetInt64());
        var p = json.RootElement.GetProperty("pods").EnumerateArray().Single();
        Assert.Equal("alpha", p.GetProperty("podRef").GetProperty("name").GetString());
        Assert.Equal("default", p.GetProperty("podRef").GetProperty("namespace").GetString());
        Assert.Equal(pod.Uid, p.GetProperty("podRef").GetProperty("uid").GetString());
        Assert.Equal((created + KubeletTestServer.StartDelay).UtcDateTime, p.GetProperty("startTime").GetDateTime().ToUniversalTime());
        Assert.Equal(record.Memory!.WorkingSet, p.GetProperty("memory").GetProperty("workingSetBytes").GetInt64());
        Assert.Equal(record.Cpu.UsageCoreNanoSeconds, p.GetProperty("cpu").GetProperty("usageCoreNanoSeconds").GetInt64());
        var containers = p.GetProperty("containers").EnumerateArray().ToList();
        Assert.Equal(["app", "side1"], containers.Select(c => c.GetProperty("name").GetString()));
        Assert.All(containers, c => Assert.True(c.GetProperty("cpu").GetProperty("usageCoreNanoSeconds").GetInt64() > 0
            && c.GetProperty("memory").GetProperty("workingSetBytes").GetInt64() > 0, $"Expected non-zero usage for container {c.GetProperty("name")} of default/alpha"));
    }

    [Fact]
    public async Task StatsSummary_NoPods_ReportsTheNodeAlone()
    {
        using var client = _server.ApiServer();
        var text = await client.GetStringAsync(new Uri("/stats/summary", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(0, json.RootElement.GetProperty("pods").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("node").GetProperty("memory").GetProperty("workingSetBytes").GetInt64() >= 1, "Expected the node's working set floored at 1 byte, never 0");
    }
}
