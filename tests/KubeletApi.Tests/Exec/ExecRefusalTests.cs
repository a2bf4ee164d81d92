using System.Net;
using System.Text.Json;

using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Exec;

/// <summary>Exec requests refused before the upgrade: each answers an HTTP error whose metav1.Status message says why.</summary>
public sealed class ExecRefusalTests : IAsyncLifetime
{
    private KubeletTestServer _server = null!;
    private HttpClient _apiServer = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await KubeletTestServer.StartAsync();
        _apiServer = _server.ApiServer();
        await _server.RunPodAsync("web", "sleep infinity");
    }

    public async ValueTask DisposeAsync()
    {
        _apiServer.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(HttpStatusCode Code, string Reason, string Message)> PostAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? _apiServer).PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return (response.StatusCode, "", body);
        }

        using var status = JsonDocument.Parse(body);
        Assert.True(status.RootElement.GetProperty("kind").GetString() == "Status", $"Expected a metav1.Status body for {path}, got {body}");
        return (response.StatusCode, status.RootElement.GetProperty("reason").GetString()!, status.RootElement.GetProperty("message").GetString()!);
    }

    private static string Args(int count, int length = 1) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"&command={new string('a', length)}"));

    [Theory]
    [InlineData("/exec/default/web/app?command=ls", HttpStatusCode.BadRequest, "at least 1 of stdin, stdout, stderr")]
    [InlineData("/exec/default/web/app?output=1", HttpStatusCode.BadRequest, "exec needs a command")]
    [InlineData("/exec/default/web/app?output=true&command=ls", HttpStatusCode.BadRequest, "at least 1 of stdin, stdout, stderr")]
    [InlineData("/exec/default/nosuch/app?output=1&command=ls", HttpStatusCode.NotFound, "pod \"default/nosuch\" is not on a virtual node")]
    [InlineData("/exec/default/web/sidecar?output=1&command=ls", HttpStatusCode.NotFound, "container not found (\"sidecar\")")]
    [InlineData("/exec/default/web/uid-other/app?output=1&command=ls", HttpStatusCode.NotFound, "with uid uid-other")]
    public async Task Exec_MalformedOrUnknownTarget_IsRefusedWithAStatus(string path, HttpStatusCode expected, string messagePart)
    {
        var (code, _, message) = await PostAsync(path);
        Assert.True(code == expected && message.Contains(messagePart, StringComparison.Ordinal),
            $"Expected {(int)expected} with \"{messagePart}\" for {path}, got {(int)code} \"{message}\"");
    }

    [Fact]
    public async Task Exec_TwentyOneArguments_IsRefusedNamingEcisLimit()
    {
        var (code, reason, message) = await PostAsync("/exec/default/web/app?output=1" + Args(21));
        Assert.True(code == HttpStatusCode.BadRequest && reason == "BadRequest" && message.Contains("21 arguments", StringComparison.Ordinal) && message.Contains("at most 20", StringComparison.Ordinal),
            $"Expected 400 naming 21 arguments and the limit of 20, got {(int)code} {reason} \"{message}\"");
    }

    [Fact]
    public async Task Exec_ArgumentOf257Characters_IsRefusedNamingEcisLimit()
    {
        var (code, _, message) = await PostAsync("/exec/default/web/app?output=1&command=echo" + Args(1, 257));
        Assert.True(code == HttpStatusCode.BadRequest && message.Contains("argument 1", StringComparison.Ordinal) && message.Contains("at most 256", StringComparison.Ordinal),
            $"Expected 400 naming argument 1 and the limit of 256, got {(int)code} \"{message}\"");
    }

    [Fact]
    public async Task Exec_TwentyArgumentsOf256Characters_PassesTheLimitsCheck()
    {
        // Within the limits the request goes on to the upgrade, which a plain POST does not ask for: 400 from the upgrade, not from the limits.
        var (code, _, message) = await PostAsync("/exec/default/web/app?output=1" + Args(20, 256));
        Assert.True(code == HttpStatusCode.BadRequest && !message.Contains("ExecContainerCommand accepts", StringComparison.Ordinal),
            $"Expected 20 arguments of 256 characters to pass ECI's limits, got {(int)code} \"{message}\"");
    }

    [Fact]
    public async Task Exec_PodWithoutGroupYet_IsRefusedAsWaiting()
    {
        _server.Pods.Put(new KubeletPod(FakePodDirectory.Pod("default", "new", KubeletTestServer.Node, _server.Clock.GetUtcNow(), "app"), ContainerGroupId: null));
        var (code, _, message) = await PostAsync("/exec/default/new/app?output=1&command=ls");
        Assert.True(code == HttpStatusCode.BadRequest && message.Contains("waiting to start", StringComparison.Ordinal),
            $"Expected 400 \"waiting to start\" for default/new without a group, got {(int)code} \"{message}\"");
    }

    [Fact]
    public async Task Exec_TerminatedContainer_IsRefusedAsNotRunning()
    {
        var (pod, _) = await _server.RunPodAsync("done", "sleep infinity");
        _server.Pods.Put(pod with { Pod = FakePodDirectory.Terminated(pod.Pod, "app", _server.Clock.GetUtcNow()) });
        var (code, _, message) = await PostAsync("/exec/default/done/app?output=1&command=ls");
        Assert.True(code == HttpStatusCode.BadRequest && message.Contains("is not running: it terminated (Completed)", StringComparison.Ordinal),
            $"Expected 400 \"not running\" for default/done's terminated container, got {(int)code} \"{message}\"");
    }

    [Fact]
    public async Task Attach_AnyContainer_Is501ExplainingEciHasNoAttach()
    {
        var (code, reason, message) = await PostAsync("/attach/default/web/app?output=1&stdin=1");
        var (uidCode, _, _) = await PostAsync("/attach/default/web/uid-default-web/app?output=1");
        Assert.True(code == HttpStatusCode.NotImplemented && uidCode == HttpStatusCode.NotImplemented && reason == "NotImplemented"
            && message.Contains("ECI has no API to attach", StringComparison.Ordinal) && message.Contains("kubectl exec -it", StringComparison.Ordinal),
            $"Expected 501 explaining that ECI cannot attach and what to use instead, got {(int)code}/{(int)uidCode} {reason} \"{message}\"");
    }

    [Fact]
    public async Task Exec_Anonymous_Is401()
    {
        using var anonymous = _server.Client();
        var (code, _, _) = await PostAsync("/exec/default/web/app?output=1&command=ls", anonymous);
        Assert.True(code == HttpStatusCode.Unauthorized, $"Expected 401 for an anonymous exec, got {(int)code}");
    }

    [Fact]
    public async Task Exec_TokenWithoutNodesProxy_Is403NamingTheSubresource()
    {
        using var powerless = _server.Client(token: KubeletTestServer.PowerlessToken);
        var (code, _, message) = await PostAsync("/exec/default/web/app?output=1&command=ls", powerless);
        Assert.True(code == HttpStatusCode.Forbidden && message.Contains("verb=create", StringComparison.Ordinal) && message.Contains("subresource=proxy", StringComparison.Ordinal),
            $"Expected 403 naming create on nodes/proxy for a token without permission, got {(int)code} \"{message}\"");
    }

    [Fact]
    public async Task Exec_WrongClientCa_Is401()
    {
        using var foreignCa = new Emulators.Kube.Hosting.CertificateAuthority(_server.Clock);
        using var certificate = foreignCa.IssueClientCertificate("kube-apiserver-kubelet-client", "system:masters");
        using var client = _server.Client(certificate);
        var (code, _, _) = await PostAsync("/exec/default/web/app?output=1&command=ls", client);
        Assert.True(code == HttpStatusCode.Unauthorized, $"Expected 401 for a client certificate from another CA, got {(int)code}");
    }
}
