using System.Net;
using System.Text;

using k8s.Autorest;

using OrleansEci.Emulators.Kube.Kubelets;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Streaming;

/// <summary>pods/log through the API server to a real kubelet endpoint over HTTPS with the kubelet client certificate.</summary>
public sealed class PodLogProxyTests : IClassFixture<KubeletCluster>
{
    private readonly KubeletCluster _cluster;

    public PodLogProxyTests(KubeletCluster cluster)
    {
        _cluster = cluster;
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadLog_WithOptions_StreamsKubeletBodyAndForwardsTheQuery()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("logs");
        var ns = pod.Metadata.NamespaceProperty;
        foreach (var line in new[] { "one", "two", "three" })
        {
            _cluster.Kubelet.Logs.Append(ns, "logs", "app", line);
        }

        await using var log = await _cluster.Kube.Client.CoreV1.ReadNamespacedPodLogAsync("logs", ns, tailLines: 2, limitBytes: 100, cancellationToken: ct);
        var text = await new StreamReader(log).ReadToEndAsync(ct);

        Assert.Equal("two\nthree\n", text);
        var forwarded = _cluster.Kubelet.Requests.LastOrDefault(r => r.Contains($"/containerLogs/{ns}/logs/app", StringComparison.Ordinal));
        Assert.True(forwarded == $"GET /containerLogs/{ns}/logs/app?limitBytes=100&tailLines=2",
            $"expected the kubelet query with keys sorted as url.Values.Encode does, got: {forwarded ?? "(no request)"}");
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadLog_Timestamps_PrefixesEachLineWithRfc3339Nano()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("stamped");
        _cluster.Kubelet.Logs.Append(pod.Metadata.NamespaceProperty, "stamped", "app", "hello");

        var (status, _, response) = await _cluster.Kube.SendAsync(HttpMethod.Get,
            $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/stamped/log?timestamps=true");
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(200, status);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z hello\n$", text);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadLog_Follow_DeliversLinesAsTheyAreWrittenAndEndsWithTheContainer()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("follow");
        var ns = pod.Metadata.NamespaceProperty;
        _cluster.Kubelet.Logs.Append(ns, "follow", "app", "first");

        await using var log = await _cluster.Kube.Client.CoreV1.ReadNamespacedPodLogAsync("follow", ns, follow: true, cancellationToken: ct);
        using var reader = new StreamReader(log, Encoding.UTF8);
        Assert.Equal("first", await reader.ReadLineAsync(ct));

        _cluster.Kubelet.Logs.Append(ns, "follow", "app", "second");
        Assert.Equal("second", await reader.ReadLineAsync(ct));

        _cluster.Kubelet.Logs.Complete(ns, "follow", "app");
        Assert.Null(await reader.ReadLineAsync(ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadLog_PodNotBound_AnswersAnEmptyLog()
    {
        var pod = await _cluster.CreatePodAsync("pending", bound: false);

        var (status, _, response) = await _cluster.Kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/pending/log");

        Assert.Equal(200, status);
        Assert.Equal("", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadLog_SeveralContainersAndNoneNamed_Is400ListingThem()
    {
        var pod = await _cluster.CreatePodAsync("multi", bound: true, "web", "side");

        var (status, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/multi/log");

        Assert.Equal(400, status);
        Assert.Equal("a container name must be specified for pod multi, choose one of: [web side]", body?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task ReadLog_UnknownContainer_Is400ContainerNotValid()
    {
        var pod = await _cluster.CreatePodAsync("named");

        var (status, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/named/log?container=nope");

        Assert.Equal(400, status);
        Assert.Equal("container nope is not valid for pod named", body?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task ReadLog_NegativeTailLines_Is422PodLogOptionsInvalid()
    {
        var pod = await _cluster.CreatePodAsync("invalid");

        var (status, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/invalid/log?tailLines=-1");

        Assert.Equal(422, status);
        Assert.Equal("PodLogOptions \"invalid\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0", body?["message"]?.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadLog_KubeletAnswers400_ClientGetsBadRequestWithTheKubeletText()
    {
        var pod = await _cluster.CreatePodAsync("noprevious");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _cluster.Kube.Client.CoreV1.ReadNamespacedPodLogAsync("noprevious",
            pod.Metadata.NamespaceProperty, previous: true, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("previous terminated container \\\"app\\\" in pod \\\"noprevious\\\" not found", error.Response.Content);
    }

    [Fact]
    public async Task ReadLog_NodeAdvertisesAnAddressOffThisMachine_Is503WithoutDialing()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _cluster.Kube.NewNamespaceAsync("remote");
        var node = new k8s.Models.V1Node { Metadata = new() { Name = $"remote-{ns}" } };
        await _cluster.Kube.Client.CoreV1.CreateNodeAsync(node, cancellationToken: ct);
        var status = new k8s.Models.V1Patch("{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"172.18.0.9\"}]}}", k8s.Models.V1Patch.PatchType.MergePatch);
        await _cluster.Kube.Client.CoreV1.PatchNodeStatusAsync(status, node.Metadata.Name, cancellationToken: ct);
        await _cluster.Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("far", node.Metadata.Name), ns, cancellationToken: ct);

        var (code, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/far/log");

        Assert.Equal(503, code);
        Assert.Contains("advertises the kubelet address 172.18.0.9, which is not on this machine", body?["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadLog_KubeletUnreachable_Is500NamingTheKubeletUrl()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _cluster.Kube.NewNamespaceAsync("gone");
        await using var gone = await LocalKubelet.StartAsync(new LocalKubeletOptions { NodeName = $"gone-{ns}" }, _cluster.Kube.Server.CertificateAuthority,
            cancellationToken: ct);
        await gone.RegisterAsync(_cluster.Kube.Server.Resources, ct);
        var port = gone.Port;
        await gone.DisposeAsync();
        await _cluster.Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("orphan", gone.NodeName), ns, cancellationToken: ct);

        var (status, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/orphan/log");

        Assert.Equal(500, status);
        var message = body?["message"]?.GetValue<string>() ?? "";
        Assert.True(message.StartsWith($"Get \"https://127.0.0.1:{port}/containerLogs/{ns}/orphan/app\": ", StringComparison.Ordinal),
            $"expected Go's 'Get \"url\": reason' text, got: {message}");
    }
}
