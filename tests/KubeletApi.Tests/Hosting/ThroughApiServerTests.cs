using System.Text.Json;

using k8s;
using k8s.Models;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Metrics;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Hosting;

/// <summary>
/// What kubectl sees: the local API server finds the kubelet from the Node (InternalIP, daemonEndpoints port), dials it
/// over TLS with its kubelet client certificate, and proxies <c>pods/log</c>; its metrics-server scrapes
/// <c>/metrics/resource</c> for metrics.k8s.io (<c>kubectl top</c>).
/// </summary>
public sealed class ThroughApiServerTests : IAsyncLifetime
{
    private const string Script = "echo one; sleep 10; echo two; sleep 10; echo three; sleep infinity";

    private KubeletTestServer _server = null!;
    private k8s.Kubernetes _kube = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await KubeletTestServer.StartAsync(trustApiServer: true);
        _kube = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = _server.Kube.BaseUri.ToString(), AccessToken = KubeletTestServer.AdminToken });
        var ct = TestContext.Current.CancellationToken;
        await _kube.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = KubeletTestServer.Node } }, cancellationToken: ct);
        var node = await _kube.CoreV1.ReadNodeAsync(KubeletTestServer.Node, cancellationToken: ct);
        node.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }, new V1NodeAddress { Type = "Hostname", Address = KubeletTestServer.Node }],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = _server.BaseUri.Port } },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }],
        };
        await _kube.CoreV1.ReplaceNodeStatusAsync(node, KubeletTestServer.Node, cancellationToken: ct);
    }

    public async ValueTask DisposeAsync()
    {
        _kube.Dispose();
        await _server.DisposeAsync();
    }

    private async Task RunAsync(string name)
    {
        var (pod, _) = await _server.RunPodAsync(name, Script);
        await _kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new V1PodSpec { NodeName = KubeletTestServer.Node, Containers = [new V1Container { Name = "app", Image = "busybox:1.36" }] },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(pod.ContainerGroupId);
    }

    [Fact]
    public async Task PodLog_ThroughTheApiServer_ReachesTheKubeletWithItsClientCertificate()
    {
        await RunAsync("web");
        _server.Clock.Advance(TimeSpan.FromSeconds(25));
        using var all = await _kube.CoreV1.ReadNamespacedPodLogAsync("web", "default", container: "app", cancellationToken: TestContext.Current.CancellationToken);
        using var reader = new StreamReader(all);
        Assert.Equal("one\ntwo\nthree\n", await reader.ReadToEndAsync(TestContext.Current.CancellationToken));

        using var tail = await _kube.CoreV1.ReadNamespacedPodLogAsync("web", "default", container: "app", tailLines: 1, timestamps: true,
            cancellationToken: TestContext.Current.CancellationToken);
        using var tailReader = new StreamReader(tail);
        var line = await tailReader.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(line.EndsWith(" three\n", StringComparison.Ordinal) && line.StartsWith("2026-06-01T08:00:", StringComparison.Ordinal),
            $"Expected default/web's last line stamped through the API server, got \"{line}\"");
    }

    [Fact]
    public async Task PodLogFollow_ThroughTheApiServer_StreamsNewLinesAndStopsWhenTheClientLeaves()
    {
        await RunAsync("web");
        var budget = _server.Services.GetRequiredService<OrleansEci.KubeletApi.Logs.LogFollowBudget>();
        var stream = await _kube.CoreV1.ReadNamespacedPodLogAsync("web", "default", container: "app", follow: true,
            cancellationToken: TestContext.Current.CancellationToken);
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("one", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
            var two = await _server.AdvanceUntilAsync(reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask(), "\"two\" through the API server's log stream");
            Assert.Equal("two", two);
            Assert.Equal(1, budget.Followers);
        }

        // kubectl's Ctrl+C: the API server drops its kubelet request, and the follower stops polling ECI.
        var stopped = Task.Run(async () =>
        {
            while (budget.Followers != 0)
            {
                await Task.Delay(10);
            }

            return true;
        });
        Assert.True(await _server.AdvanceUntilAsync(stopped, "the follower of default/web to stop once the API server's client left"));
    }

    [Fact]
    public async Task PodMetrics_AfterTwoScrapes_AreServedByMetricsApi()
    {
        await RunAsync("web");
        var scraper = _server.Kube.Services.GetRequiredService<ResourceMetricsScraper>();
        await scraper.ScrapeAsync(TestContext.Current.CancellationToken);
        _server.Clock.Advance(TimeSpan.FromSeconds(15)); // past the kubelet's 10 s stats cache: a new reading
        await scraper.ScrapeAsync(TestContext.Current.CancellationToken);

        var metrics = (JsonElement)await _kube.CustomObjects.GetNamespacedCustomObjectAsync<object>("metrics.k8s.io", "v1beta1", "default", "pods", "web",
            TestContext.Current.CancellationToken);
        var container = metrics.GetProperty("containers").EnumerateArray().Single();
        Assert.Equal("app", container.GetProperty("name").GetString());
        var cpu = container.GetProperty("usage").GetProperty("cpu").GetString();
        var memory = container.GetProperty("usage").GetProperty("memory").GetString();
        Assert.True(cpu is { Length: > 0 } && cpu != "0" && memory is { Length: > 0 } && memory != "0",
            $"Expected non-zero CPU and memory for default/web in metrics.k8s.io (kubectl top), got cpu={cpu} memory={memory}");

        var node = (JsonElement)await _kube.CustomObjects.GetClusterCustomObjectAsync<object>("metrics.k8s.io", "v1beta1", "nodes", KubeletTestServer.Node,
            TestContext.Current.CancellationToken);
        Assert.NotEqual("0", node.GetProperty("usage").GetProperty("memory").GetString());
    }
}
