using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

using k8s;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using OrleansEci.Eci;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Configuration;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Kube.Auth;
using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Emulators.Kube.Streaming;
using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.KubeletApi.Tests.Kubelet;

/// <summary>
/// The kubelet API on 127.0.0.1:0 for node <see cref="Node"/>, over TLS with a generated serving certificate, trusting a
/// generated client CA, answering TokenReview and SubjectAccessReview through the local Kubernetes API server and
/// reading logs and metrics from the local ECI service, all on one fake clock.
/// </summary>
internal sealed class KubeletTestServer : IAsyncDisposable
{
    public const string Node = "vk-test";
    public const string AdminToken = "admin-token-0123456789abcdef";

    /// <summary>A token TokenReview accepts for a user without any permission (the anonymous user, named).</summary>
    public const string PowerlessToken = "powerless-token-0123456789";

    private const string AccessKeyId = "LTAI-kubelet";
    private const string AccessKeySecret = "kubelet-secret";

    private readonly WebApplication _app;
    private bool _kubeStopped;

    private KubeletTestServer(WebApplication app, FakeTimeProvider clock, EciEmulatorHost eci, KubeApiServer kube, CertificateAuthority clientCa, FakePodDirectory pods, int port)
    {
        _app = app;
        Clock = clock;
        Eci = eci;
        Kube = kube;
        ClientCa = clientCa;
        Pods = pods;
        BaseUri = new Uri($"https://127.0.0.1:{port}/");
        ApiServerCertificate = clientCa.IssueClientCertificate("kube-apiserver-kubelet-client", "system:masters");
    }

    public FakeTimeProvider Clock { get; }

    public EciEmulatorHost Eci { get; }

    public KubeApiServer Kube { get; }

    /// <summary>The CA the kubelet trusts for client certificates.</summary>
    public CertificateAuthority ClientCa { get; }

    /// <summary>The API server's kubelet client certificate, from <see cref="ClientCa"/>.</summary>
    public X509Certificate2 ApiServerCertificate { get; }

    public FakePodDirectory Pods { get; }

    public Uri BaseUri { get; }

    public IEciClient EciClient => _app.Services.GetRequiredService<IEciClient>();

    /// <summary>The kubelet API's services (for its budget and caches).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts everything; <paramref name="trustApiServer"/> makes the kubelet's client CA the local API server's cluster CA, so it can call through.</summary>
    public static async Task<KubeletTestServer> StartAsync(Action<KubeletApiOptions>? configure = null, bool trustApiServer = false)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var eciOptions = new EciEmulatorOptions { RandomSeed = 6 };
        eciOptions.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, AccessKeySecret));
        var eci = await EciEmulatorHost.StartAsync(eciOptions, clock);
        var kubeOptions = new KubeApiServerOptions { Https = false, Token = AdminToken };
        kubeOptions.Controllers.DisableAll();
        var kube = await KubeApiServer.StartAsync(kubeOptions,
            services => services.AddSingleton<ITokenAuthenticator>(new FixedTokenAuthenticator(PowerlessToken, new AuthenticatedUser("system:anonymous", "", []))),
            clock);
        var clientCa = new CertificateAuthority(clock);
        var pods = new FakePodDirectory();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IKubernetes>(new k8s.Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseUri.ToString(), AccessToken = AdminToken }));
        builder.Services.AddSingleton<IKubeletPodDirectory>(pods);
        builder.Services.AddEciClient(configure: o =>
        {
            o.Endpoint = eci.BaseUri;
            o.RegionId = eci.Region.RegionId;
            o.AccessKeyId = AccessKeyId;
            o.AccessKeySecret = AccessKeySecret;
            o.AttemptTimeout = TimeSpan.FromHours(1); // the fake clock jumps while calls are in flight
            o.MaxRetryAttempts = 0; // a failure reaches the kubelet API at once, not after back-off on the fake clock
        });
        builder.Services.AddKubeletApi(configure: o =>
        {
            o.ListenAddress = "127.0.0.1";
            o.Port = 0;
            o.NodeNames = [Node];
            o.NodeAddresses = ["127.0.0.1"];
            o.ClientCaPem = trustApiServer ? kube.Services.GetRequiredService<KubeletClientCredentials>().CertificateAuthorityPem : clientCa.CertificatePem;
            configure?.Invoke(o);
        });
        builder.WebHost.ConfigureKestrel(k => k.ListenKubeletApi());
        var app = builder.Build();
        app.MapKubeletApi();
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return new KubeletTestServer(app, clock, eci, kube, clientCa, pods, port);
    }

    /// <summary>An HTTPS client of the kubelet: with a client certificate, a bearer token, or neither.</summary>
    public HttpClient Client(X509Certificate2? certificate = null, string? token = null)
    {
        var handler = new HttpClientHandler
        {
            // The serving certificate is self-signed (as kube-apiserver's default, unverified); its SANs are checked in HostingTests.
            ServerCertificateCustomValidationCallback = static (_, _, _, _) => true,
            ClientCertificateOptions = ClientCertificateOption.Manual,
        };
        if (certificate is not null)
        {
            handler.ClientCertificates.Add(certificate);
        }

        var client = new HttpClient(handler) { BaseAddress = BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>The API server's client: what kube-apiserver presents.</summary>
    public HttpClient ApiServer() => Client(ApiServerCertificate);

    /// <summary>Creates a real group running <paramref name="script"/> in container "app" and lets it start (5 s of fake time).</summary>
    public async Task<string> CreateGroupAsync(string name, string script, int containers = 1)
    {
        var response = await EciClient.CreateContainerGroupAsync(new CreateContainerGroupRequest
        {
            ContainerGroupName = name,
            Cpu = 2,
            Memory = 4,
            Containers = [.. Enumerable.Range(0, containers).Select(i => new ContainerDefinition
            {
                Name = i == 0 ? "app" : $"side{i}",
                Image = "busybox:1.36",
                Command = i == 0 ? ["/bin/sh", "-c", script] : null,
            })],
        });
        Clock.Advance(TimeSpan.FromSeconds(6));
        return response.ContainerGroupId!;
    }

    /// <summary>
    /// A pod "default/{name}" on the node, backed by a new group running <paramref name="script"/>. Returns when the group
    /// was created; its containers start 5 s later (the local ECI service's 2 s Scheduling and 3 s Pending), which is the
    /// start time the pod's status reports.
    /// </summary>
    public async Task<(KubeletPod Pod, DateTimeOffset Created)> RunPodAsync(string name, string script, int containers = 1)
    {
        var created = Clock.GetUtcNow();
        var id = await CreateGroupAsync(name, script, containers);
        var names = Enumerable.Range(0, containers).Select(i => i == 0 ? "app" : $"side{i}").ToArray();
        var pod = new KubeletPod(FakePodDirectory.Pod("default", name, Node, created + StartDelay, names), id);
        Pods.Put(pod);
        return (pod, created);
    }

    /// <summary>From CreateContainerGroup to running containers in the local ECI service.</summary>
    public static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(5);

    public static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute));
        return response.StatusCode;
    }

    /// <summary>Stops the API server, so TokenReview and SubjectAccessReview can no longer be asked.</summary>
    public async Task StopKubeAsync()
    {
        _kubeStopped = true;
        await Kube.DisposeAsync();
    }

    /// <summary>
    /// Moves the fake clock a second at a time, letting the server's timers run between steps, until
    /// <paramref name="task"/> completes; fails naming <paramref name="what"/> after <paramref name="patience"/> of fake time.
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> task, string what, TimeSpan? patience = null)
    {
        var deadline = Clock.GetUtcNow() + (patience ?? TimeSpan.FromMinutes(1));
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            Assert.True(Clock.GetUtcNow() < deadline || real.Elapsed < TimeSpan.FromSeconds(30), $"Expected {what} within {patience ?? TimeSpan.FromMinutes(1)} of fake time");
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(20)); // a yield to the server's loops, not a wait for "long enough"
        }

        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ApiServerCertificate.Dispose();
        ClientCa.Dispose();
        if (!_kubeStopped)
        {
            // KubeApiServer.DisposeAsync is not idempotent (a second call throws ObjectDisposedException in its metrics scraper).
            await Kube.DisposeAsync();
        }

        await Eci.DisposeAsync();
    }

    private sealed class FixedTokenAuthenticator(string token, AuthenticatedUser user) : ITokenAuthenticator
    {
        public ValueTask<AuthenticatedUser?> AuthenticateAsync(string candidate, CancellationToken cancellationToken) =>
            ValueTask.FromResult(candidate == token ? user : null);
    }
}
