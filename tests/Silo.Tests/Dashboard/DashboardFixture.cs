using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Emulators.Kube.Streaming;
using OrleansEci.Silo.Hosting;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Dashboard;

/// <summary>
/// One silo as the sandbox runs it (the local ECI service, the local API server, two virtual nodes, the dashboard on)
/// on real time, with short create back-off, no ECI client retries (so one throttled create reaches the pod grain as a
/// failed attempt) and a half-second dashboard snapshot. Tests reach it over HTTP like an operator's browser.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string NodeH = "virtual-kubelet-cn-hangzhou-h";
    public const string NodeI = "virtual-kubelet-cn-hangzhou-i";
    private const string AccessKeyId = "LTAI-dashboard";

    private EciEmulatorHost? _eci;
    private KubeApiServer? _kube;
    private WebApplication? _silo;
    private readonly HttpClient _control = new();

    /// <summary>The silo's plain HTTP port (dashboard, /metrics), ending in '/'.</summary>
    public Uri SiloUri { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IKubernetes Client { get; private set; } = null!;

    /// <summary>The silo's services (its grain factory seeds the 10,000-row pod index of the browser test).</summary>
    public IServiceProvider Services => _silo?.Services ?? throw new InvalidOperationException("The silo did not start.");

    public async ValueTask InitializeAsync()
    {
        string secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var eciOptions = new EciEmulatorOptions();
        eciOptions.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, secret));
        _eci = await EciEmulatorHost.StartAsync(eciOptions, configureLogging: l => l.ClearProviders());
        _kube = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)) },
            services => services.AddLogging(l => l.ClearProviders()));
        var kubeConfig = KubernetesClientConfiguration.BuildConfigFromConfigFile(new MemoryStream(Encoding.UTF8.GetBytes(_kube.Kubeconfig())));
        Client = new k8s.Kubernetes(kubeConfig);
        var settings = new Dictionary<string, string?>
        {
            ["Silo:HttpAddress"] = "127.0.0.1",
            ["Silo:HttpPort"] = "0",
            ["KubeletApi:ListenAddress"] = "127.0.0.1",
            ["KubeletApi:ClientCaPem"] = _kube.Services.GetRequiredService<KubeletClientCredentials>().CertificateAuthorityPem,
            ["VirtualKubelet:KubeletPort"] = SandboxHost.FreePorts(2).ToString(CultureInfo.InvariantCulture),
            ["Dashboard:Enabled"] = "true",
            ["Dashboard:SnapshotInterval"] = "00:00:00.5",
            ["Orleans:SiloPort"] = SandboxHost.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = SandboxHost.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Eci:Endpoint"] = _eci.BaseUri.ToString(),
            ["Eci:RegionId"] = _eci.Region.RegionId,
            ["Eci:AccessKeyId"] = AccessKeyId,
            ["Eci:AccessKeySecret"] = secret,
            ["Eci:MaxRetryAttempts"] = "0",
            ["Pods:RetryBaseDelay"] = "00:00:00.2",
            ["VirtualKubelet:ClusterId"] = "c-dashboard",
            ["VirtualKubelet:RegionId"] = _eci.Region.RegionId,
            ["VirtualKubelet:SecurityGroupId"] = _eci.Region.SecurityGroups[0].SecurityGroupId,
            ["VirtualKubelet:PodIp"] = "127.0.0.1",
        };
        string[] nodes = [NodeH, NodeI];
        for (int n = 0; n < nodes.Length; n++)
        {
            string zone = nodes[n]["virtual-kubelet-".Length..];
            settings[$"VirtualKubelet:Nodes:{n}:Name"] = nodes[n];
            settings[$"VirtualKubelet:Nodes:{n}:ZoneId"] = zone;
            settings[$"VirtualKubelet:Nodes:{n}:VSwitchIds:0"] = _eci.Region.VSwitches.First(v => v.ZoneId == zone).VSwitchId;
        }

        _silo = SiloHost.Build([], settings, services => services.AddSingleton(kubeConfig), logging => logging.ClearProviders());
        await _silo.StartAsync();
        string address = _silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        SiloUri = new Uri(address.TrimEnd('/') + "/");
        _control.BaseAddress = _eci.ControlUri;
    }

    /// <summary>The kubelet API's HTTPS address of the first virtual node (its port is chosen at start).</summary>
    public Uri KubeletUri => new(_silo!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)));

    /// <summary>Arms a fault in the local ECI service (src/Emulators/Eci/Control/FaultRule.cs).</summary>
    public async Task AddFaultAsync(object rule)
    {
        using var response = await _control.PostAsJsonAsync("faults", rule, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.True(response.IsSuccessStatusCode, $"Expected the ECI control API to accept fault {JsonSerializer.Serialize(rule)}: {(int)response.StatusCode}");
    }

    /// <summary>The local ECI service's vSwitch in <paramref name="zoneId"/>.</summary>
    public string VSwitchOf(string zoneId) => _eci!.Region.VSwitches.First(v => v.ZoneId == zoneId).VSwitchId;

    /// <summary>Calls the local ECI service's control API (e.g. <c>PUT stock</c>, <c>POST groups/{id}/reclaim</c>); fails naming the answer when refused.</summary>
    public async Task ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)) };
        using var response = await _control.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"Expected the ECI control API to accept {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Creates a pod bound to <paramref name="node"/> in namespace <paramref name="ns"/> (created when missing).</summary>
    public async Task CreatePodAsync(string ns, string name, string node, IDictionary<string, string>? annotations = null)
    {
        try
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }

        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = name }, Annotations = annotations },
            Spec = new V1PodSpec
            {
                NodeName = node,
                Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }],
                Tolerations = [new V1Toleration { Key = "virtual-kubelet.io/provider", OperatorProperty = "Exists" }],
            },
        }, ns);
    }

    /// <summary>GETs <paramref name="path"/> (relative to the silo) as JSON; fails naming the status and body when it is not 200.</summary>
    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(SiloUri, path));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected GET {path} to answer 200; it answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>GETs <paramref name="path"/> as JSON, or null while it answers 404 (a pod the runtime has not seen yet).</summary>
    public async Task<JsonNode?> GetJsonOrNullAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(SiloUri, path));
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await GetJsonAsync(path);
    }

    /// <summary>Polls until <paramref name="condition"/> holds on a fresh read, or fails after a minute of real time saying what was awaited.</summary>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T>> read, Func<T, bool> condition, Func<T, string> describe)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            T value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"Expected {what} within 60 s; last saw: {describe(value)}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _control.Dispose();
        Client?.Dispose();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            await _silo.DisposeAsync();
        }

        if (_kube is not null)
        {
            await _kube.DisposeAsync();
        }

        if (_eci is not null)
        {
            await _eci.DisposeAsync();
        }
    }
}
