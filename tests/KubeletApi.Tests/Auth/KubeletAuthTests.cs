using System.Net;

using OrleansEci.KubeletApi.Tests.Kubelet;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.KubeletApi.Tests.Auth;

/// <summary>Who may call the kubelet: the API server's client certificate, tokens SubjectAccessReview allows; nobody else.</summary>
public sealed class KubeletAuthTests : IAsyncLifetime
{
    private KubeletTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await KubeletTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/pods")]
    [InlineData("/stats/summary")]
    [InlineData("/metrics/resource")]
    [InlineData("/containerLogs/default/web/app")]
    public async Task Request_Anonymous_Returns401(string path)
    {
        using var client = _server.Client();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"Expected 401 for anonymous GET {path}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("Unauthorized\n", body);
    }

    [Fact]
    public async Task Request_ClientCertificateFromAnotherCa_Returns401()
    {
        using var otherCa = new CertificateAuthority(_server.Clock);
        using var impostor = otherCa.IssueClientCertificate("kube-apiserver-kubelet-client", "system:masters");
        using var client = _server.Client(impostor);
        var status = await KubeletTestServer.StatusOfAsync(client, "/healthz");
        Assert.True(status == HttpStatusCode.Unauthorized, $"Expected 401 for a client certificate from a CA the kubelet does not trust, got {(int)status}");
    }

    [Fact]
    public async Task Request_UntrustedCertificateWithAllowedToken_IsServedByTheToken()
    {
        using var otherCa = new CertificateAuthority(_server.Clock);
        using var impostor = otherCa.IssueClientCertificate("someone", "system:masters");
        using var client = _server.Client(impostor, KubeletTestServer.AdminToken);
        var status = await KubeletTestServer.StatusOfAsync(client, "/healthz");
        Assert.True(status == HttpStatusCode.OK, $"Expected the bearer token to be reviewed after the untrusted certificate failed (union authenticator), got {(int)status}");

        using var powerless = _server.Client(impostor, KubeletTestServer.PowerlessToken);
        Assert.Equal(HttpStatusCode.Forbidden, await KubeletTestServer.StatusOfAsync(powerless, "/healthz"));
    }

    [Fact]
    public async Task Request_ApiServerClientCertificate_IsServed()
    {
        using var client = _server.ApiServer();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for the API server's client certificate (CN=kube-apiserver-kubelet-client, O=system:masters), got {(int)response.StatusCode}");
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Request_TokenWithoutPermission_Returns403NamingTheCheck()
    {
        using var client = _server.Client(token: KubeletTestServer.PowerlessToken);
        using var response = await client.GetAsync(new Uri("/stats/summary", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"Expected 403 for a token SubjectAccessReview does not allow, got {(int)response.StatusCode}: {body}");
        Assert.Equal("Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=stats)\n", body);
    }

    [Fact]
    public async Task Request_UnknownToken_Returns401()
    {
        using var client = _server.Client(token: "not-a-token-anyone-issued");
        var status = await KubeletTestServer.StatusOfAsync(client, "/healthz");
        Assert.True(status == HttpStatusCode.Unauthorized, $"Expected 401 for a token TokenReview does not authenticate, got {(int)status}");
    }

    [Fact]
    public async Task Request_AllowedToken_IsServedAndReviewedOnceWithinTheCacheTtl()
    {
        using var client = _server.Client(token: KubeletTestServer.AdminToken);
        Assert.Equal(HttpStatusCode.OK, await KubeletTestServer.StatusOfAsync(client, "/healthz"));

        // With the API server gone, the cached TokenReview and SubjectAccessReview answers still serve the same request.
        await _server.StopKubeAsync();
        Assert.Equal(HttpStatusCode.OK, await KubeletTestServer.StatusOfAsync(client, "/healthz"));

        // Past the authentication TTL (2 min) the token must be reviewed again, and the API server cannot answer: 500.
        _server.Clock.Advance(TimeSpan.FromMinutes(3));
        var status = await KubeletTestServer.StatusOfAsync(client, "/healthz");
        Assert.True(status == HttpStatusCode.InternalServerError, $"Expected 500 (authorization error) once the cached review expired and the API server is down, got {(int)status}");
    }
}
