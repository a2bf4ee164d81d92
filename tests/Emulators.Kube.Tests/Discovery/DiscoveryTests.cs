using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Discovery;

/// <summary>Legacy and aggregated discovery in the shapes kubectl 1.32 reads (kubectl-wire.md §1).</summary>
public sealed class DiscoveryTests(SharedKubeServer shared)
{
    private const string AggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Api_AggregatedAccept_AnswersDiscoveryListWithExactContentType()
    {
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, "/api", accept: AggregatedAccept);
        Assert.Equal(200, status);
        Assert.Contains("\r\nContent-Type: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList\r\n", await RawHeadersAsync("/api", AggregatedAccept));
        var core = body!["items"]!.AsArray().Single()!;
        Assert.Equal("", core["metadata"]!["name"]!.GetValue<string>());
        var pods = Resource(core, "pods");
        Assert.Equal(["po"], pods["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["all"], pods["categories"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Namespaced", pods["scope"]!.GetValue<string>());
        var subresources = pods["subresources"]!.AsArray().Select(s => s!["subresource"]!.GetValue<string>()).ToList();
        Assert.Contains("status", subresources);
        Assert.Contains("binding", subresources);
        Assert.Contains("eviction", subresources);
    }

    [Fact]
    public async Task Apis_AggregatedAccept_AdvertisesDeploymentScaleAsAutoscalingScale()
    {
        var (_, body, _) = await _kube.SendAsync(HttpMethod.Get, "/apis", accept: AggregatedAccept);
        var apps = body!["items"]!.AsArray().Single(g => g!["metadata"]!["name"]!.GetValue<string>() == "apps")!;
        var scale = Resource(apps, "deployments")["subresources"]!.AsArray().Single(s => s!["subresource"]!.GetValue<string>() == "scale")!;
        Assert.Equal("""{"group":"autoscaling","version":"v1","kind":"Scale"}""", scale["responseKind"]!.ToJsonString());
        Assert.Equal("deploy", Resource(apps, "deployments")["shortNames"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_PlainJson_AnswersLegacyApiVersions()
    {
        var (status, body, response) = await _kube.SendAsync(HttpMethod.Get, "/api", accept: "application/json");
        Assert.Equal(200, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("APIVersions", body!["kind"]!.GetValue<string>());
        Assert.Equal("v1", body["versions"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiV1_Legacy_ListsResourcesAndSubresourceRows()
    {
        var (_, body, _) = await _kube.SendAsync(HttpMethod.Get, "/api/v1");
        var resources = body!["resources"]!.AsArray();
        var pods = resources.Single(r => r!["name"]!.GetValue<string>() == "pods")!;
        Assert.Equal("Pod", pods["kind"]!.GetValue<string>());
        Assert.Equal("pod", pods["singularName"]!.GetValue<string>());
        Assert.Contains("watch", pods["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains(resources, r => r!["name"]!.GetValue<string>() == "pods/status");
        Assert.False(resources.Single(r => r!["name"]!.GetValue<string>() == "nodes")!["namespaced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AppsV1_Legacy_HasDeploymentScaleRowInAutoscaling()
    {
        var (_, body, _) = await _kube.SendAsync(HttpMethod.Get, "/apis/apps/v1");
        var scale = body!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "deployments/scale")!;
        Assert.Equal("autoscaling", scale["group"]!.GetValue<string>());
        Assert.Equal("Scale", scale["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apis_Legacy_ListsEveryGroup()
    {
        var (_, body, _) = await _kube.SendAsync(HttpMethod.Get, "/apis");
        var groups = body!["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList();
        foreach (var group in new[] { "apps", "batch", "coordination.k8s.io", "events.k8s.io", "admissionregistration.k8s.io" })
        {
            Assert.Contains(group, groups);
        }
    }

    [Fact]
    public async Task Version_WithClient_ReportsKubernetes132()
    {
        var version = await _kube.Client.Version.GetCodeAsync(TestContext.Current.CancellationToken);
        Assert.Equal("1", version.Major);
        Assert.Equal("32", version.Minor);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    public async Task Health_Endpoints_AnswerOk(string path)
    {
        var text = await _kube.Http.GetStringAsync(path.TrimStart('/'), TestContext.Current.CancellationToken);
        Assert.Equal("ok", text);
    }

    /// <summary>The response headers exactly as sent (HttpClient reformats Content-Type parameters).</summary>
    private async Task<string> RawHeadersAsync(string path, string accept)
    {
        var ct = TestContext.Current.CancellationToken;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_kube.Server.BaseUri.Host, _kube.Server.BaseUri.Port, ct);
        var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {_kube.Server.BaseUri.Authority}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), ct);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(ct);
        return text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)] + "\r\n";
    }

    private static JsonNode Resource(JsonNode group, string name) =>
        group["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == name)!;
}
