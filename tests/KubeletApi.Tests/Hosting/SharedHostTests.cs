using System.Net;
using System.Net.Sockets;

using k8s;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Eci.Configuration;
using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Hosting;

/// <summary>The silo's own routes (an open <c>/healthz</c> for probes) on its HTTP port beside the kubelet API on its ports.</summary>
public sealed class SharedHostTests
{
    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [Fact]
    public async Task MapKubeletApi_BesideTheHostsOwnHealthz_EachAnswersOnItsPort()
    {
        var kubeletPort = FreePort();
        var httpPort = FreePort();
        using var ca = new CertificateAuthority(TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IKubernetes>(new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }));
        builder.Services.AddSingleton<IKubeletPodDirectory>(new FakePodDirectory());
        builder.Services.AddEciClient(configure: o => (o.Endpoint, o.RegionId, o.AccessKeyId, o.AccessKeySecret) = (new Uri("http://127.0.0.1:1"), "cn-hangzhou", "id", "secret"));
        builder.Services.AddKubeletApi(configure: o => (o.ListenAddress, o.Port, o.NodeNames, o.ClientCaPem) = ("127.0.0.1", kubeletPort, ["vk-a"], ca.CertificatePem));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, httpPort);
            k.ListenKubeletApi();
        });
        await using var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("silo ok"));
        app.MapKubeletApi();
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var plain = new HttpClient();
            Assert.Equal("silo ok", await plain.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/healthz"), TestContext.Current.CancellationToken));

            using var cert = ca.IssueClientCertificate("kube-apiserver-kubelet-client", "system:masters");
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = static (_, _, _, _) => true };
            handler.ClientCertificates.Add(cert);
            using var kubelet = new HttpClient(handler);
            using var anonymous = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = static (_, _, _, _) => true });
            var status = await KubeletTestServer.StatusOfAsync(anonymous, $"https://127.0.0.1:{kubeletPort}/healthz");
            Assert.True(status == HttpStatusCode.Unauthorized, $"Expected the kubelet's /healthz (authenticated) on the kubelet port, got {(int)status}");

            // The API server's certificate is authenticated; authorization needs an API server, and there is none here.
            using var response = await kubelet.GetAsync(new Uri($"https://127.0.0.1:{kubeletPort}/healthz"), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.InternalServerError && body.StartsWith("Authorization error", StringComparison.Ordinal),
                $"Expected the kubelet's 500 'Authorization error' when SubjectAccessReview cannot be asked, got {(int)response.StatusCode} \"{body}\"");
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
