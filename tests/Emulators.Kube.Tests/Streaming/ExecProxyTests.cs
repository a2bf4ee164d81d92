using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Kubelets;
using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.Emulators.Kube.Tests.Streaming;

/// <summary>
/// pods/exec and pods/attach through the API server to a real kubelet endpoint: KubernetesClient's WebSocket exec
/// (v5 translated to SPDY toward the kubelet, v4 proxied as is) and a raw SPDY client (old kubectl), exit codes included.
/// </summary>
public sealed class ExecProxyTests : IClassFixture<KubeletCluster>
{
    private readonly KubeletCluster _cluster;

    public ExecProxyTests(KubeletCluster cluster)
    {
        _cluster = cluster;
    }

    [Fact(Timeout = 30_000)]
    public async Task KubernetesClientExec_V4WebSocket_ReachesTheKubeletAsWebSocketAndReturnsTheExitCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("exit3");
        var ns = pod.Metadata.NamespaceProperty;

        var exitCode = await _cluster.Kube.Client.NamespacedPodExecAsync("exit3", ns, "app", ["sh", "-c", "exit 3"], false,
            (_, _, _) => Task.CompletedTask, ct);

        Assert.Equal(3, exitCode);
        Assert.Contains(_cluster.Kubelet.Requests, r => r.StartsWith($"GET /exec/{ns}/exit3/app?command=sh&command=-c&command=exit%203", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task KubernetesClientExec_V5WebSocket_IsTranslatedToSpdyWithStdinCloseAndStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("cat");
        var ns = pod.Metadata.NamespaceProperty;

        using var socket = await _cluster.Kube.Client.WebSocketNamespacedPodExecAsync("cat", ns, ["cat"], "app", stderr: true, stdin: true, stdout: true,
            tty: false, webSocketSubProtocol: RemoteCommandProtocols.V5, cancellationToken: ct);
        var (stdout, status) = await RunOverDemuxerAsync(socket, "hello from v5", ct);

        Assert.Equal("hello from v5", stdout);
        Assert.Equal("Success", status["status"]?.GetValue<string>());
        Assert.Contains(_cluster.Kubelet.Requests, r => r.StartsWith($"POST /exec/{ns}/cat/app?command=cat&input=1&output=1&error=1", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task KubernetesClientAttach_V5WebSocket_ReachesTheKubeletAttachRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("attached");
        var ns = pod.Metadata.NamespaceProperty;

        using var socket = await _cluster.Kube.Client.WebSocketNamespacedPodAttachAsync("attached", ns, "app", stderr: false, stdin: true, stdout: true,
            tty: false, webSocketSubProtocol: RemoteCommandProtocols.V5, cancellationToken: ct);
        var (stdout, status) = await RunOverDemuxerAsync(socket, "typed", ct);

        Assert.Equal("typed", stdout);
        Assert.Equal("Success", status["status"]?.GetValue<string>());
        Assert.Contains(_cluster.Kubelet.Requests, r => r.StartsWith($"POST /attach/{ns}/attached/app?input=1&output=1", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task SpdyClient_OldKubectlPath_IsProxiedToTheKubeletAndCarriesStdinOutputAndExitCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("spdy");
        var ns = pod.Metadata.NamespaceProperty;
        var request = new RemoteCommandRequest(Stdin: true, Stdout: true, Stderr: true, Tty: false) { Command = ["cat"], Container = "app" };

        await using (var client = await SpdyRemoteCommandClient.ConnectAsync(ExecUri(ns, "spdy", "command=cat&container=app&stdin=true&stdout=true&stderr=true"),
            request, cancellationToken: ct))
        {
            await client.Stdin!.WriteAsync("over spdy"u8.ToArray(), ct);
            await client.CloseStdinAsync(ct);
            var output = await new StreamReader(client.Stdout!).ReadToEndAsync(ct);
            await new StreamReader(client.Stderr!).ReadToEndAsync(ct);
            var status = await client.WaitForStatusAsync(ct);
            Assert.Equal("over spdy", output);
            Assert.True(status.IsSuccess, $"expected success, got {status.Message}");
        }

        var failing = request with { Stdin = false, Command = ["sh", "-c", "exit 7"] };
        await using var failed = await SpdyRemoteCommandClient.ConnectAsync(
            ExecUri(ns, "spdy", "command=sh&command=-c&command=exit%207&container=app&stdout=true&stderr=true"), failing, cancellationToken: ct);
        await new StreamReader(failed.Stdout!).ReadToEndAsync(ct);
        await new StreamReader(failed.Stderr!).ReadToEndAsync(ct);
        Assert.Equal(7, (await failed.WaitForStatusAsync(ct)).ExitCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task SpdyClient_KubeletRefusesTheUpgrade_GetsTheKubeletStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("nostreams");
        var request = new RemoteCommandRequest(Stdin: false, Stdout: false, Stderr: false, Tty: false) { Command = ["true"], Container = "app" };

        var error = await Assert.ThrowsAsync<SpdyUpgradeException>(() =>
            SpdyRemoteCommandClient.ConnectAsync(ExecUri(pod.Metadata.NamespaceProperty, "nostreams", "command=true&container=app"), request, cancellationToken: ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("you must specify at least 1 of stdin, stdout, stderr", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task V5WebSocket_KubeletRefuses_StatusChannelCarriesTheFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await _cluster.CreatePodAsync("refused");
        _cluster.Kubelet.ExecHandler = LocalCommands.RunAsync;

        using var socket = await _cluster.Kube.Client.WebSocketNamespacedPodExecAsync("refused", pod.Metadata.NamespaceProperty, ["true"], "app",
            stderr: false, stdin: false, stdout: false, tty: false, webSocketSubProtocol: RemoteCommandProtocols.V5, cancellationToken: ct);
        using var demuxer = new StreamDemuxer(socket, StreamType.RemoteCommand);
        demuxer.Start();
        var status = JsonNode.Parse(await new StreamReader(demuxer.GetStream(ChannelIndex.Error, null)).ReadToEndAsync(ct))!;

        Assert.Equal("Failure", status["status"]?.GetValue<string>());
        Assert.Contains("you must specify at least 1 of stdin, stdout, stderr", status["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_ConnectWebhookDenies_ClientGetsTheDenialAndTheKubeletIsNotDialed()
    {
        var pod = await _cluster.CreatePodAsync("guarded");
        var ns = pod.Metadata.NamespaceProperty;
        await using var hooks = await Admission.WebhookServer.StartAsync();
        hooks.On("connect", review => new JsonObject
        {
            ["allowed"] = false,
            ["status"] = new JsonObject { ["code"] = 403, ["message"] = $"no exec via {review["request"]!["object"]!["kind"]}" },
        });
        await Admission.WebhookConfigs.CreateAsync(_cluster.Kube, $"{ns}-connect", ns,
            Admission.WebhookConfigs.Webhook("connect.test.io", hooks.Url("connect"), hooks.CaBundle, operations: "CONNECT", resources: "pods/exec"));

        var (status, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods/guarded/exec?command=ls&stdout=true");

        Assert.Equal(403, status);
        Assert.Equal("admission webhook \"connect.test.io\" denied the request: no exec via PodExecOptions", body?["message"]?.GetValue<string>());
        var request = Assert.Single(hooks.Received("connect"))["request"]!;
        Assert.Equal("CONNECT", request["operation"]!.GetValue<string>());
        Assert.Equal("exec", request["subResource"]!.GetValue<string>());
        Assert.Equal("ls", request["object"]!["command"]![0]!.GetValue<string>());
        Assert.DoesNotContain(_cluster.Kubelet.Requests, r => r.Contains($"/{ns}/guarded/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exec_PodNotBound_Is400NoHostAssigned()
    {
        var pod = await _cluster.CreatePodAsync("unbound", bound: false);

        var (status, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Post,
            $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/unbound/exec?command=ls&stdout=true");

        Assert.Equal(400, status);
        Assert.Equal("pod unbound does not have a host assigned", body?["message"]?.GetValue<string>());
    }

    private Uri ExecUri(string ns, string pod, string query) => new(_cluster.Kube.Server.BaseUri, $"api/v1/namespaces/{ns}/pods/{pod}/exec?{query}");

    private static async Task<(string Stdout, JsonNode Status)> RunOverDemuxerAsync(WebSocket socket, string input, CancellationToken ct)
    {
        using var demuxer = new StreamDemuxer(socket, StreamType.RemoteCommand);
        demuxer.Start();
        var stdout = demuxer.GetStream(ChannelIndex.StdOut, null);
        var stdin = demuxer.GetStream(null, ChannelIndex.StdIn);
        var errors = demuxer.GetStream(ChannelIndex.Error, null);
        await stdin.WriteAsync(Encoding.UTF8.GetBytes(input), ct);
        await demuxer.CloseChannel(ChannelIndex.StdIn, ct);
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (received.Length < input.Length)
        {
            var read = await stdout.ReadAsync(buffer, ct);
            Assert.True(read > 0, $"stdout ended after \"{received}\", expected \"{input}\"");
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var status = JsonNode.Parse(await new StreamReader(errors).ReadToEndAsync(ct))!;
        return (received.ToString(), status);
    }
}
