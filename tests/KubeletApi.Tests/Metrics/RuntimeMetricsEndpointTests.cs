using System.Net;

using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Metrics;

/// <summary>
/// The kubelet API's <c>/metrics</c> is guarded as the kubelet's own: <c>nodes/metrics</c>. A host that registers no
/// exporter answers the authorized caller 501 saying so (the silo registers one; its content is tested in Silo.Tests).
/// </summary>
public sealed class RuntimeMetricsEndpointTests : IAsyncLifetime
{
    private KubeletTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await KubeletTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Metrics_Anonymous_Returns401()
    {
        using var client = _server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, await KubeletTestServer.StatusOfAsync(client, "/metrics"));
    }

    [Fact]
    public async Task Metrics_TokenWithoutPermission_Returns403NamingNodesMetrics()
    {
        using var client = _server.Client(token: KubeletTestServer.PowerlessToken);
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"Expected 403 for a token without nodes/metrics, got {(int)response.StatusCode}: {body}");
        Assert.Equal("Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=metrics)\n", body);
    }

    [Fact]
    public async Task Metrics_AuthorizedButNoExporterRegistered_Returns501SayingSo()
    {
        using var client = _server.ApiServer();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.NotImplemented && body.Contains("exports no runtime metrics", StringComparison.Ordinal),
            $"Expected 501 naming the missing exporter for the API server's GET /metrics on a host without one, got {(int)response.StatusCode}: {body}");
    }
}
