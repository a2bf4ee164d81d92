using System.Net;

using k8s;
using k8s.Models;

using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Pods;

/// <summary><c>/pods</c>, and the routes this kubelet does not serve: what they answer and why.</summary>
public sealed class PodsEndpointTests : IAsyncLifetime
{
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

    [Fact]
    public async Task Pods_NodeWithPods_ReturnsThemAsPodList()
    {
        var now = _server.Clock.GetUtcNow();
        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("default", "web", KubeletTestServer.Node, now, "app"), "eci-1"));
        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("jobs", "batch", KubeletTestServer.Node, now, "main", "side"), null));
        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("default", "other", "another-node", now, "app"), "eci-2"));
        var text = await _client.GetStringAsync(new Uri("/pods", UriKind.Relative), TestContext.Current.CancellationToken);
        var list = KubernetesJson.Deserialize<V1PodList>(text);
        Assert.Equal("PodList", list.Kind);
        Assert.Equal("v1", list.ApiVersion);
        Assert.Equal(["jobs/batch", "default/web"], list.Items.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}").OrderBy(n => n, StringComparer.Ordinal).Reverse());
        Assert.Equal(["main", "side"], list.Items.Single(p => p.Metadata.Name == "batch").Spec.Containers.Select(c => c.Name));
    }

    [Theory]
    [InlineData("POST", "/attach/default/web/app?output=1", "ECI has no API to attach")]
    [InlineData("GET", "/portForward/default/web", "ECI has no port-forward")]
    [InlineData("POST", "/portForward/default/web/uid-1", "ECI has no port-forward")]
    public async Task UnservedRoute_Any_Returns501SayingWhy(string method, string path, string says)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.NotImplemented && body.Contains(says, StringComparison.Ordinal),
            $"Expected 501 saying \"{says}\" for {method} {path}, got {(int)response.StatusCode} \"{body}\"");
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_Authorized_ReturnsOk(string path)
    {
        var body = await _client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("ok", body);
    }
}
