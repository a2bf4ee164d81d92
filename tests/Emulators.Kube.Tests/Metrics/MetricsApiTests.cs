using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Kube.Kubelets;
using OrleansEci.Emulators.Kube.Metrics;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Metrics;

/// <summary>metrics.k8s.io filled by scraping a real kubelet endpoint's /metrics/resource, on a fake clock.</summary>
public sealed class MetricsApiTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 6, 50, 0, TimeSpan.Zero);

    [Fact(Timeout = 30_000)]
    public async Task TwoScrapes_PodAndNodeUsageAreRatesBetweenThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.StartAsync();
        var ns = await setup.Kube.NewNamespaceAsync("top");
        await setup.Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web", setup.Kubelet.NodeName,
            new Dictionary<string, string> { ["app"] = "web" }), ns, cancellationToken: ct);
        var usage = setup.Kubelet.Usage;
        usage.SetNode(100, 1L << 30);
        usage.SetContainer(ns, "web", "app", 10, 10L << 20, Start.AddHours(-1));
        await setup.Scraper.ScrapeAsync(ct);
        Assert.Empty((await setup.Kube.Client.GetKubernetesPodsMetricsByNamespaceAsync(ns)).Items);

        setup.Time.Advance(TimeSpan.FromSeconds(15));
        usage.SetNode(100 + (0.25 * 15), 1L << 30);
        usage.SetContainer(ns, "web", "app", 10 + (0.15 * 15), 10L << 20, Start.AddHours(-1));
        await setup.Scraper.ScrapeAsync(ct);

        var pods = await setup.Kube.Client.GetKubernetesPodsMetricsByNamespaceAsync(ns);
        var pod = Assert.Single(pods.Items);
        Assert.Equal("web", pod.Metadata.Name);
        Assert.Equal("web", pod.Metadata.Labels["app"]);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("150m", container.Usage["cpu"].ToString());
        Assert.Equal("10Mi", container.Usage["memory"].ToString());
        var (_, raw, _) = await setup.Kube.SendAsync(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods/web");
        Assert.Equal("15s", raw?["window"]?.GetValue<string>());
        Assert.Equal("2026-11-26T06:50:15Z", raw?["timestamp"]?.GetValue<string>());

        var node = Assert.Single((await setup.Kube.Client.GetKubernetesNodesMetricsAsync()).Items);
        Assert.Equal("250m", node.Usage["cpu"].ToString());
        Assert.Equal("1Gi", node.Usage["memory"].ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Get_PodWithoutTwoReadings_Is404PodMetricsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.StartAsync();
        var ns = await setup.Kube.NewNamespaceAsync("young");
        await setup.Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web", setup.Kubelet.NodeName), ns, cancellationToken: ct);
        setup.Kubelet.Usage.SetContainer(ns, "web", "app", 1, 1024, Start.AddHours(-1));
        await setup.Scraper.ScrapeAsync(ct);

        var (status, body, _) = await setup.Kube.SendAsync(HttpMethod.Get, $"/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods/web");

        Assert.Equal(404, status);
        Assert.Equal($"podmetrics.metrics.k8s.io \"{ns}/web\" not found", body?["message"]?.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task ZeroReading_DropsTheWholePodAsMetricsServerDoes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.StartAsync();
        var ns = await setup.Kube.NewNamespaceAsync("zero");
        var pod = Manifests.Pod("two", setup.Kubelet.NodeName);
        pod.Spec.Containers.Add(new k8s.Models.V1Container { Name = "side", Image = "busybox:1.36" });
        await setup.Kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: ct);
        for (var i = 0; i < 2; i++)
        {
            setup.Kubelet.Usage.SetContainer(ns, "two", "app", 5 + i, 1024, Start.AddHours(-1));
            setup.Kubelet.Usage.SetContainer(ns, "two", "side", 5 + i, 0, Start.AddHours(-1));
            await setup.Scraper.ScrapeAsync(ct);
            setup.Time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Empty((await setup.Kube.Client.GetKubernetesPodsMetricsByNamespaceAsync(ns)).Items);
    }

    [Fact]
    public async Task Discovery_ListsMetricsV1Beta1ForKubectlTop()
    {
        await using var setup = await Setup.StartAsync();

        var (_, groups, _) = await setup.Kube.SendAsync(HttpMethod.Get, "/apis", accept: "application/json");
        var (_, resources, _) = await setup.Kube.SendAsync(HttpMethod.Get, "/apis/metrics.k8s.io/v1beta1", accept: "application/json");

        var group = groups?["groups"]?.AsArray().Single(g => g?["name"]?.GetValue<string>() == "metrics.k8s.io");
        Assert.Equal("metrics.k8s.io/v1beta1", group?["preferredVersion"]?["groupVersion"]?.GetValue<string>());
        var names = resources?["resources"]?.AsArray().Select(r => $"{r?["name"]}:{r?["kind"]}:{r?["namespaced"]}").ToList();
        Assert.Equal(["nodes:NodeMetrics:false", "pods:PodMetrics:true"], names);
    }

    private sealed class Setup : IAsyncDisposable
    {
        private Setup(KubeServer kube, LocalKubelet kubelet, FakeTimeProvider time)
        {
            Kube = kube;
            Kubelet = kubelet;
            Time = time;
        }

        public KubeServer Kube { get; }

        public LocalKubelet Kubelet { get; }

        public FakeTimeProvider Time { get; }

        public ResourceMetricsScraper Scraper => Kube.Server.Services.GetRequiredService<ResourceMetricsScraper>();

        public static async Task<Setup> StartAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            var time = new FakeTimeProvider(Start);
            var kube = await KubeServer.StartAsync(o => o.Metrics.Enabled = false, time);
            var kubelet = await LocalKubelet.StartAsync(new LocalKubeletOptions { NodeName = "metrics-node" }, kube.Server.CertificateAuthority, time, ct);
            await kubelet.RegisterAsync(kube.Server.Resources, ct);
            return new Setup(kube, kubelet, time);
        }

        public async ValueTask DisposeAsync()
        {
            await Kubelet.DisposeAsync();
            await Kube.DisposeAsync();
        }
    }
}
