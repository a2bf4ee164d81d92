using k8s.Models;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Emulators.Kube.Tests.Hosting;

/// <summary>HTTPS with the generated CA, the bearer token, and the kubeconfig the standalone server writes.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task StartAsync_HttpsWithToken_KubeconfigWorksWithTheOfficialClient()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "a-test-token-0123456789" }, cancellationToken: ct);
        Assert.Equal("https", server.BaseUri.Scheme);

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(server.Kubeconfig()));
        var config = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(stream);
        using var client = new Kubernetes(config);
        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: ct);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "over-tls" } }, "default", cancellationToken: ct);
        Assert.Equal("over-tls", created.Metadata.Name);
    }

    [Fact]
    public async Task Request_WithoutToken_Gets401Status()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "a-test-token-0123456789" }, cancellationToken: ct);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Issuer == server.CertificateAuthority.Certificate.Subject,
        };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseUri };
        using var response = await http.GetAsync("api/v1/namespaces", ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        Assert.Equal("Unauthorized", body["reason"]!.GetValue<string>());
        Assert.Equal(401, body["code"]!.GetValue<int>());

        using var health = await http.GetAsync("healthz", ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact(Timeout = 20_000)]
    public async Task DisposeAsync_WithAnOpenWatch_EndsTheWatchInsteadOfWaitingForTheShutdownTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = false }, cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var watch = await Support.RawWatch.OpenAsync(http, "/api/v1/pods?watch=true&resourceVersion=1", ct);
        await server.DisposeAsync();
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public void ServingCertificate_HasLoopbackAndLocalhostNames()
    {
        using var ca = new CertificateAuthority(TimeProvider.System);
        using var cert = ca.IssueServingCertificate();
        var san = cert.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.True(cert.HasPrivateKey);
    }

    [Fact]
    public void Options_InvalidPort_FailsWithAHowToFixMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new KubeApiServerOptions { Port = 70000 }.Validate());
        Assert.Contains("--port", error.Message);
    }

    [Fact]
    public void CommandLine_PortAndKubeconfig_AreRead()
    {
        var options = CommandLine.Parse(["--port", "0", "--kubeconfig", "/tmp/x"]);
        Assert.Equal(0, options.Port);
        Assert.True(options.Https);
        Assert.NotNull(options.Token);
        Assert.Equal("/tmp/x", CommandLine.KubeconfigPath(["--port", "0", "--kubeconfig", "/tmp/x"]));
    }
}
