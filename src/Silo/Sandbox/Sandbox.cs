using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

using k8s;
using k8s.Models;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Kube.Controllers.FakeKubelet;
using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Emulators.Kube.Streaming;
using OrleansEci.Silo.Hosting;

namespace OrleansEci.Silo.Sandbox;

/// <summary>
/// Everything `sandbox` runs, in one process: the local ECI service, the local Kubernetes API server (scheduler,
/// controllers, a KWOK-style regular node), and one silo serving two virtual nodes in two zones. Dispose to stop.
/// </summary>
internal sealed class Sandbox : IAsyncDisposable
{
    public const string ClusterId = "c-sandbox";
    public static readonly string[] VirtualNodes = ["virtual-kubelet-cn-hangzhou-h", "virtual-kubelet-cn-hangzhou-i"];
    private const string AccessKeyId = "LTAI-sandbox";

    private readonly KubeApiServer _kube;
    private readonly WebApplication _silo;
    private readonly FileLoggerProvider _logs;

    private Sandbox(EciEmulatorHost eci, KubeApiServer kube, WebApplication silo, FileLoggerProvider logs, string kubeconfigPath, Uri siloUri, IKubernetes client)
    {
        Eci = eci;
        _kube = kube;
        _silo = silo;
        _logs = logs;
        KubeconfigPath = kubeconfigPath;
        DashboardUri = new Uri(siloUri, "dashboard/");
        PodLifecycleUri = new Uri(siloUri, "ui/");
        Client = client;
    }

    /// <summary>The kubeconfig written for kubectl (absolute path).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The Orleans dashboard.</summary>
    public Uri DashboardUri { get; }

    /// <summary>The operator dashboard: pods, their lifecycle journals, nodes and zones (<c>/ui/</c>).</summary>
    public Uri PodLifecycleUri { get; }

    /// <summary>A client of the sandbox's API server, as kubectl would use it.</summary>
    public IKubernetes Client { get; }

    /// <summary>The local ECI service (tests read container groups through it).</summary>
    internal EciEmulatorHost Eci { get; }

    public Uri EciUri => Eci.BaseUri;

    public Uri KubeUri => _kube.BaseUri;

    public static async Task<Sandbox> StartAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        string dir = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(dir);
        var logs = new FileLoggerProvider(Path.Combine(dir, "sandbox.log"), LogLevel.Information);

        string secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var eciOptions = new EciEmulatorOptions();
        eciOptions.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, secret));
        var eci = await EciEmulatorHost.StartAsync(eciOptions, configureLogging: l => Quiet(l.AddProvider(logs)), cancellationToken: cancellationToken);
        if (options.NoStockZone is { } soldOut)
        {
            await SellOutAsync(eci, soldOut, cancellationToken);
        }

        var kube = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)) },
            services => services.AddLogging(l => Quiet(l.ClearProviders().AddProvider(logs))), cancellationToken: cancellationToken);
        string kubeconfigPath = Path.Combine(dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfigPath, kube.Kubeconfig(), cancellationToken);
        var kubeConfig = KubernetesClientConfiguration.BuildConfigFromConfigFile(new MemoryStream(Encoding.UTF8.GetBytes(kube.Kubeconfig())));
        var client = new k8s.Kubernetes(kubeConfig);
        for (int i = 1; i <= options.RegularNodes; i++)
        {
            await RegisterRegularNodeAsync(client, $"sandbox-node-{i}", cancellationToken);
        }

        int webhookPort = FreePort();
        await RegisterWebhookServiceAsync(client, webhookPort, cancellationToken);
        var settings = new Dictionary<string, string?>
        {
            // The admission webhook: vk-webhook names the Service kube-system/vk-webhook:443, which the local API server
            // resolves to 127.0.0.1 at the Service's targetPort (src/Emulators/Kube/Admission/WebhookEndpoint.cs).
            ["Webhook:Enabled"] = "true",
            ["Webhook:Port"] = webhookPort.ToString(CultureInfo.InvariantCulture),
            ["Webhook:ListenAddress"] = "127.0.0.1",
            ["Silo:HttpAddress"] = "127.0.0.1",
            ["Silo:HttpPort"] = options.Port.ToString(CultureInfo.InvariantCulture),
            ["KubeletApi:ListenAddress"] = "127.0.0.1",
            ["KubeletApi:ClientCaPem"] = kube.Services.GetRequiredService<KubeletClientCredentials>().CertificateAuthorityPem,
            ["VirtualKubelet:KubeletPort"] = FreePorts(VirtualNodes.Length).ToString(CultureInfo.InvariantCulture),
            ["Dashboard:Enabled"] = "true",
            ["Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Eci:Endpoint"] = eci.BaseUri.ToString(),
            ["Eci:RegionId"] = eci.Region.RegionId,
            ["Eci:AccessKeyId"] = AccessKeyId,
            ["Eci:AccessKeySecret"] = secret,
            ["VirtualKubelet:ClusterId"] = ClusterId,
            ["VirtualKubelet:RegionId"] = eci.Region.RegionId,
            ["VirtualKubelet:SecurityGroupId"] = eci.Region.SecurityGroups[0].SecurityGroupId,
            ["VirtualKubelet:PodIp"] = "127.0.0.1",
        };
        foreach (var v in eci.Region.VSwitches)
        {
            // ECI cannot say which zone a vSwitch is in; the zone knowledge is told (src/Grains/Zones/ZoneKnowledgeOptions.cs).
            settings[$"Zones:VSwitches:{v.VSwitchId}:ZoneId"] = v.ZoneId;
            settings[$"Zones:VSwitches:{v.VSwitchId}:CidrBlock"] = v.CidrBlock;
        }

        for (int n = 0; n < VirtualNodes.Length; n++)
        {
            string zone = VirtualNodes[n]["virtual-kubelet-".Length..];
            settings[$"VirtualKubelet:Nodes:{n}:Name"] = VirtualNodes[n];
            settings[$"VirtualKubelet:Nodes:{n}:ZoneId"] = zone;
            settings[$"VirtualKubelet:Nodes:{n}:VSwitchIds:0"] = eci.Region.VSwitches.First(v => v.ZoneId == zone).VSwitchId;
        }

        var silo = SiloHost.Build([], settings, services => services.AddSingleton(kubeConfig), logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(logs);
            Quiet(logging);
        });
        await silo.StartAsync(cancellationToken);
        string address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        return new Sandbox(eci, kube, silo, logs, kubeconfigPath, new Uri(address.EndsWith('/') ? address : address + "/"), client);
    }

    /// <summary>Waits until every virtual node is registered and Ready.</summary>
    public async Task WaitForNodesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var nodes = await Client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
            if (VirtualNodes.All(name => nodes.Items.Any(n => n.Metadata.Name == name
                && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>A free TCP port on 127.0.0.1, so several sandboxes (or test runs) never share a silo's ports.</summary>
    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports (one kubelet API port per virtual node, so the
    /// API server's requests say by their port which node they ask about).
    /// </summary>
    internal static int FreePorts(int count)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int first = FreePort();
            if (first + count <= 65535 && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"Found no {count} consecutive free ports on 127.0.0.1 for the kubelet API.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Keeps the log to what a person reads: no per-request lines from HttpClient and Kestrel.</summary>
    private static ILoggingBuilder Quiet(ILoggingBuilder logging) => logging
        .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

    /// <summary>
    /// The webhook's Service, as deploy/ has one: port 443 to the silo's webhook port. The local API server runs no pods,
    /// so it sends a Service's traffic to 127.0.0.1 at the targetPort.
    /// </summary>
    private static async Task RegisterWebhookServiceAsync(k8s.Kubernetes client, int port, CancellationToken cancellationToken) =>
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "vk-webhook", NamespaceProperty = "kube-system" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "https", Port = 443, TargetPort = port }] },
        }, "kube-system", cancellationToken: cancellationToken);

    /// <summary>Sets every spec's stock in <paramref name="zone"/> to 0 through the local ECI service's control API.</summary>
    private static async Task SellOutAsync(EciEmulatorHost eci, string zone, CancellationToken cancellationToken)
    {
        if (!eci.Region.Zones.Any(z => z.ZoneId == zone))
        {
            throw new InvalidOperationException($"--no-stock-zone {zone}: the local ECI service has zones {string.Join(", ", eci.Region.Zones.Select(z => z.ZoneId))}.");
        }

        using var control = new HttpClient { BaseAddress = eci.ControlUri };
        using var response = await control.PutAsJsonAsync("stock", new { zoneId = zone, spec = "*", stock = 0 }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A small regular node played by the API server's fake kubelet, so burst-resource has something to spill from.</summary>
    private static async Task RegisterRegularNodeAsync(k8s.Kubernetes client, string name, CancellationToken cancellationToken)
    {
        var resources = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new("4"),
            ["memory"] = new("8Gi"),
            ["pods"] = new("20"),
            ["ephemeral-storage"] = new("50Gi"),
        };
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = new Dictionary<string, string> { [FakeKubeletOptions.NodeAnnotation] = FakeKubeletOptions.NodeAnnotationValue },
                Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux", ["kubernetes.io/arch"] = "amd64" },
            },
            Status = new V1NodeStatus { Capacity = resources, Allocatable = resources },
        }, cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _silo.StopAsync();
        await _silo.DisposeAsync();
        await _kube.DisposeAsync();
        await Eci.DisposeAsync();
        _logs.Dispose();
    }
}
