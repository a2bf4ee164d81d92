using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

using k8s;
using k8s.Models;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.KubeletApi.Webhook;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Tests.Webhook;

/// <summary>
/// The webhook as the silo hosts it (AddAdmissionWebhook, its own HTTPS port, the namespace cache, the registration
/// loop) against the local API server, which calls it through vk-webhook and the kube-system/vk-webhook Service.
/// </summary>
public sealed class WebhookHost : IAsyncLifetime
{
    private WebApplication? _app;

    public KubeApiServer Kube { get; private set; } = null!;

    /// <summary>A client of the API server, as a user creating pods.</summary>
    public IKubernetes Client { get; private set; } = null!;

    /// <summary>The profile in force; <see cref="EciProfileTracker.Apply"/> is a hot reload.</summary>
    public EciProfileTracker Profiles { get; } = new();

    public int Port { get; private set; }

    public WebhookCertificates Certificates => _app!.Services.GetRequiredService<WebhookCertificates>();

    public WebhookRegistrar Registrar => _app!.Services.GetRequiredService<WebhookRegistrar>();

    public async ValueTask InitializeAsync()
    {
        var kubeOptions = new KubeApiServerOptions { Https = false };
        kubeOptions.Controllers.DisableAll();
        Kube = await KubeApiServer.StartAsync(kubeOptions);
        var config = new KubernetesClientConfiguration { Host = Kube.BaseUri.ToString() };
        Client = new k8s.Kubernetes(config);
        Port = FreePort();
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "vk-webhook", NamespaceProperty = "kube-system" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 443, TargetPort = Port }] },
        }, "kube-system");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IKubernetes>(new k8s.Kubernetes(config));
        builder.Services.AddSingleton<IEciProfileSource>(Profiles);
        builder.Services.AddAdmissionWebhook(configure: o =>
        {
            o.Enabled = true;
            o.Port = Port;
            o.ListenAddress = "127.0.0.1";
            o.ProfileCheckInterval = TimeSpan.FromMilliseconds(100);
            o.Configuration.FailurePolicy = "Fail";
        });
        builder.WebHost.UseKestrel(k => k.ListenAdmissionWebhook());
        _app = builder.Build();
        _app.MapAdmissionWebhook();
        await _app.StartAsync();
    }

    /// <summary>An HTTPS client of the webhook that trusts exactly vk-webhook's CA, as the API server does.</summary>
    public HttpClient WebhookClient()
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(Certificates.CaBundlePem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 c && chain.Build(c);
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{Port}/") };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Client.Dispose();
        await Kube.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
