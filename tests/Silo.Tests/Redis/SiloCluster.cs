using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

using k8s;
using k8s.Models;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Eci;
using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Eci.Regions;
using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Emulators.Kube.Streaming;
using OrleansEci.Grains.Pods;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>
/// Real silo processes in one Redis-backed cluster against the in-process local ECI service and API server, serving
/// <see cref="Nodes"/> virtual nodes (two share zone h: nodes and zones are independent). Issue 7's failover, rolling
/// restart and Redis restart tests run on it. Each silo keeps its ports across restarts, as a StatefulSet's would not
/// need to: a restarted silo is a new silo generation either way.
/// </summary>
internal sealed partial class SiloCluster : IAsyncDisposable
{
    public const string AccessKeyId = "LTAI-failover";
    public const string AccessKeySecret = "failover-secret";
    public static readonly string[] Nodes =
        ["virtual-kubelet-cn-hangzhou-h", "virtual-kubelet-cn-hangzhou-i", "virtual-kubelet-cn-hangzhou-j", "virtual-kubelet-cn-hangzhou-h2"];

    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    private readonly List<SiloProcess?> _silos = [];
    private readonly List<Dictionary<string, string>> _environments = [];
    private readonly string _work;
    private readonly string _redis;

    private readonly CancellationToken _ct;

    private SiloCluster(EciEmulatorHost eci, KubeApiServer kube, string work, string kubeconfig, string serviceId, string redis, CancellationToken ct)
    {
        _ct = ct;
        Eci = eci;
        Kube = kube;
        _work = work;
        Kubeconfig = kubeconfig;
        ServiceId = serviceId;
        ClusterId = "c-" + serviceId[^8..];
        _redis = redis;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }

    public EciEmulatorHost Eci { get; }

    public KubeApiServer Kube { get; }

    public Kubernetes Client { get; }

    public string Kubeconfig { get; }

    public string ServiceId { get; }

    public string ClusterId { get; }

    /// <summary>The silos that run (a killed or stopped one until it is started again is not among them).</summary>
    public IReadOnlyList<SiloProcess> Running => [.. _silos.Where(s => s is { HasExited: false })!];

    public SiloProcess this[int index] => _silos[index] ?? throw new InvalidOperationException($"silo-{index} is not running");

    /// <summary>Starts the peers and <paramref name="silos"/> silo processes against Redis at <paramref name="redis"/>.</summary>
    /// <remarks>Tests pass <c>TestContext.Current.CancellationToken</c>; the cluster benchmark (bench/Cluster.Bench) links this file.</remarks>
    public static async Task<SiloCluster> StartAsync(string test, int silos, string? redis, CancellationToken ct)
    {
        string serviceId = TestRedis.NewServiceId(test);
        var eciOptions = new EciEmulatorOptions();
        eciOptions.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, AccessKeySecret));
        // The fourth node's own vSwitch in zone h: a vSwitch belongs to one node (VirtualKubeletOptionsValidator).
        eciOptions.Region.VSwitches.Add(new VSwitchOptions { VSwitchId = "vsw-emu-h2", ZoneId = "cn-hangzhou-h", CidrBlock = "192.168.192.0/18" });
        var eci = await EciEmulatorHost.StartAsync(eciOptions, cancellationToken: ct);
        // HTTPS with a bearer token: the silos' KubernetesClient refuses a kubeconfig user without credentials.
        var kube = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "failover-" + serviceId[^8..] }, cancellationToken: ct);
        string work = Directory.CreateTempSubdirectory("orleans-eci-cluster-").FullName;
        string kubeconfig = Path.Combine(work, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, kube.Kubeconfig(), ct);
        var cluster = new SiloCluster(eci, kube, work, kubeconfig, serviceId, redis ?? TestRedis.ConnectionString, ct);
        for (int i = 0; i < silos; i++)
        {
            cluster._environments.Add(cluster.Environment(i));
            cluster._silos.Add(null);
            cluster.Start(i);
        }

        return cluster;
    }

    /// <summary>Starts silo <paramref name="index"/> (again, after <see cref="Kill"/> or <see cref="StopAsync"/>).</summary>
    public SiloProcess Start(int index)
    {
        Assert.True(_silos[index] is null or { HasExited: true }, $"silo-{index} is still running");
        _silos[index]?.Dispose();
        var silo = SiloProcess.Start($"silo-{index}", _environments[index]);
        _silos[index] = silo;
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            silo?.Dispose();
        }

        // Whole silo logs for a failure's post-mortem: ORLEANS_ECI_SILO_LOGS=<folder>.
        if (System.Environment.GetEnvironmentVariable("ORLEANS_ECI_SILO_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            foreach (var silo in _silos.OfType<SiloProcess>())
            {
                await File.WriteAllTextAsync(Path.Combine(logs, $"{ServiceId}-{silo.Name}.log"), silo.Output);
            }
        }

        Client.Dispose();
        await Kube.DisposeAsync();
        await Eci.DisposeAsync();
        try
        {
            await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis + ",abortConnect=false,connectTimeout=2000");
            await redis.GetDatabase().KeyDeleteAsync([.. redis.GetServer(redis.GetEndPoints().Single()).Keys(pattern: ServiceId + "/*")]);
        }
        catch (StackExchange.Redis.RedisException)
        {
            // a test that stopped its own Redis leaves nothing to clean
        }

        Directory.Delete(_work, recursive: true);
    }

    private Dictionary<string, string> Environment(int i)
    {
        var env = new Dictionary<string, string>
        {
            ["Orleans__ClusteringMode"] = "Redis",
            ["Orleans__Redis__ConnectionString"] = _redis,
            ["Orleans__ServiceId"] = ServiceId,
            ["Orleans__ClusterId"] = "c1",
            ["Orleans__SiloPort"] = TestRedis.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = TestRedis.FreePort().ToString(CultureInfo.InvariantCulture),
            ["POD_IP"] = "127.0.0.1",
            ["POD_NAME"] = $"silo-{i}",
            // The HTTP port, any free one: ASP.NET's URLs, and Silo:HttpPort where the host listens explicitly.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Silo__HttpAddress"] = "127.0.0.1",
            ["Silo__HttpPort"] = "0",
            ["KUBECONFIG"] = Kubeconfig,
            // Per-request HTTP logs would bury what matters (1,000 pods make tens of thousands of calls).
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Eci__Endpoint"] = Eci.BaseUri.ToString(),
            ["Eci__RegionId"] = Eci.Region.RegionId,
            ["Eci__AccessKeyId"] = AccessKeyId,
            ["Eci__AccessKeySecret"] = AccessKeySecret,
            ["VirtualKubelet__ClusterId"] = ClusterId,
            ["VirtualKubelet__RegionId"] = Eci.Region.RegionId,
            ["VirtualKubelet__SecurityGroupId"] = Eci.Region.SecurityGroups[0].SecurityGroupId,
            // Each silo its own address (as pods have), so a node's InternalIP shows which silo serves its kubelet API.
            ["VirtualKubelet__PodIp"] = AddressOf(i),
            // The kubelet API of each silo: its own ports (one per virtual node), trusting the API server's client CA.
            ["KubeletApi__ListenAddress"] = AddressOf(i),
            ["KubeletApi__ClientCaPem"] = Kube.Services.GetRequiredService<KubeletClientCredentials>().CertificateAuthorityPem,
            ["VirtualKubelet__KubeletPort"] = ConsecutiveFreePorts(Nodes.Length).ToString(CultureInfo.InvariantCulture),
        };
        for (int n = 0; n < Nodes.Length; n++)
        {
            string zone = ZoneOf(Nodes[n]);
            env[$"VirtualKubelet__Nodes__{n}__Name"] = Nodes[n];
            env[$"VirtualKubelet__Nodes__{n}__ZoneId"] = zone;
            env[$"VirtualKubelet__Nodes__{n}__VSwitchIds__0"] = Nodes[n].EndsWith('2') ? "vsw-emu-h2" : Eci.Region.VSwitches.First(v => v.ZoneId == zone).VSwitchId;
        }

        return env;
    }

    /// <summary>The address silo <paramref name="index"/> advertises for its virtual nodes and serves the kubelet API on (127.0.0.x: all loopback).</summary>
    public static string AddressOf(int index) => "127.0.0." + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The InternalIP each virtual node advertises now.</summary>
    public async Task<Dictionary<string, string>> NodeAddressesAsync() =>
        (await Client.CoreV1.ListNodeAsync(cancellationToken: _ct)).Items.Where(n => Nodes.Contains(n.Metadata.Name))
            .ToDictionary(n => n.Metadata.Name, n => n.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address ?? "", StringComparer.Ordinal);

    private static string ZoneOf(string node) => node["virtual-kubelet-".Length..].TrimEnd('2');

    /// <summary>Creates <paramref name="count"/> pods named <c>prefix-i</c>, spread over the nodes round-robin.</summary>
    public async Task<string[]> CreatePodsAsync(string prefix, int count)
    {
        string[] names = [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = _ct },
            async (i, token) => await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = names[i], NamespaceProperty = "default" },
                Spec = new V1PodSpec
                {
                    NodeName = Nodes[i % Nodes.Length],
                    Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }],
                    Tolerations = [new V1Toleration { Key = "virtual-kubelet.io/provider", OperatorProperty = "Exists" }],
                },
            }, "default", cancellationToken: token));
        return names;
    }

    /// <summary>Waits until every pod in <c>default</c> is Running; the message names the ones that are not.</summary>
    public async Task UntilAllRunningAsync(string what, int expected)
    {
        string waiting = "";
        await UntilAsync(what, async () =>
        {
            var pods = (await Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: _ct)).Items;
            var pending = pods.Where(p => p.Status?.Phase != "Running").ToList();
            string calls = string.Join(", ", (await CallsAsync()).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
            waiting = $"ECI calls so far: {calls}. {pods.Count} pods, expected {expected}; not Running: "
                + string.Join(", ", pending.Take(20).Select(p => $"{p.Metadata.Name} {p.Status?.Phase}/{p.Status?.Reason}"));
            return pods.Count == expected && pending.Count == 0;
        }, () => waiting);
    }

    /// <summary>Samples the nodes every second until cancelled; returns every moment a node was not Ready.</summary>
    public async Task<List<string>> WatchNodesAsync(CancellationToken ct)
    {
        List<string> seen = [];
        var clock = Stopwatch.StartNew();
        while (!ct.IsCancellationRequested)
        {
            var nodes = await Client.CoreV1.ListNodeAsync(cancellationToken: CancellationToken.None);
            seen.AddRange(nodes.Items.Where(n => !Ready(n)).Select(n => $"{n.Metadata.Name} not Ready at {clock.Elapsed.TotalSeconds:F0} s"));
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return seen;
    }

    public async Task UntilNodesReadyAsync() =>
        await UntilAsync("every virtual node Ready", async () =>
            (await Client.CoreV1.ListNodeAsync(cancellationToken: _ct)).Items.Count(Ready) == Nodes.Length);

    /// <summary>The statuses (3 Active, 6 Dead, ...) of the membership rows of the silo named <paramref name="siloName"/>: one per generation it ran as.</summary>
    public async Task<IReadOnlyList<int>> MemberStatusesAsync(string siloName)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis);
        List<int> statuses = [];
        foreach (var field in await redis.GetDatabase().HashGetAllAsync($"{ServiceId}/members/c1"))
        {
            if (field.Name != "Version" && System.Text.Json.Nodes.JsonNode.Parse(field.Value.ToString()) is { } row
                && row["SiloName"]?.GetValue<string>() == siloName)
            {
                statuses.Add(row["Status"]!.GetValue<int>());
            }
        }

        return statuses;
    }

    public static bool Ready(V1Node node) => node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>The pods (with this name prefix) whose group this silo's pod grains created: "Pod default/x runs as container group".</summary>
    public static HashSet<string> Created(string output, string prefix) =>
        [.. CreatedLine().Matches(output).Select(m => m.Groups[1].Value).Where(n => n.StartsWith(prefix + "-", StringComparison.Ordinal))];

    [GeneratedRegex(@"Pod default/([a-z0-9-]+) runs as container group")]
    private static partial Regex CreatedLine();

    /// <summary>Every container group of this cluster in the local ECI service.</summary>
    public async Task<List<ContainerGroup>> GroupsAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eci:Endpoint"] = Eci.BaseUri.ToString(),
            ["Eci:RegionId"] = Eci.Region.RegionId,
            ["Eci:AccessKeyId"] = AccessKeyId,
            ["Eci:AccessKeySecret"] = AccessKeySecret,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddEciClient(configuration).BuildServiceProvider();
        List<ContainerGroup> groups = [];
        await foreach (var g in services.GetRequiredService<IEciClient>().ListContainerGroupsAsync(
            new DescribeContainerGroupsRequest { Tags = ContainerGroupTags.ForCluster(ClusterId) }, _ct))
        {
            groups.Add(g);
        }

        return groups;
    }

    /// <summary>How many calls of each action the local ECI service received (its control API, <c>GET /_emulator/calls</c>).</summary>
    public async Task<Dictionary<string, long>> CallsAsync()
    {
        using var http = new HttpClient();
        var body = await http.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(new Uri(Eci.ControlUri, "calls"), _ct);
        return body!.ToDictionary(p => p.Key, p => p.Value.GetProperty("received").GetInt64(), StringComparer.Ordinal);
    }

    /// <summary>Asserts that each named pod has exactly one container group.</summary>
    public async Task AssertOneGroupPerPodAsync(IEnumerable<string> names, string when)
    {
        var byPod = (await GroupsAsync()).GroupBy(g => ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Name) ?? "").ToDictionary(g => g.Key, g => g.Count());
        var wrong = names.Select(n => (Name: n, Count: byPod.GetValueOrDefault(n))).Where(p => p.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"Expected exactly one container group per pod {when}; wrong for {wrong.Count}: "
            + string.Join(", ", wrong.Take(20).Select(p => $"default/{p.Name} has {p.Count}")));
    }

    /// <summary>Polls until <paramref name="read"/> gives a non-default value; fails after <see cref="Patience"/> or when a running silo exits, with the silos' output.</summary>
    public async Task<T> UntilAsync<T>(string what, Func<Task<T?>> read, Func<string>? detail = null)
    {
        var clock = Stopwatch.StartNew();
        var watched = Running;
        while (true)
        {
            T? value = await read();
            if (value is not (null or false))
            {
                return value;
            }

            var exited = watched.FirstOrDefault(s => s.HasExited);
            Assert.True(exited is null && clock.Elapsed < Patience,
                $"Expected {what} within {Patience.TotalMinutes} min; "
                + (exited is null ? "it did not happen. " : $"{exited.Name} exited. ") + detail?.Invoke() + "\n"
                + string.Join("\n", _silos.OfType<SiloProcess>().Select(s => $"--- {s.Name} (last 40 lines) ---\n{Tail(s.Output, 40)}")));
            await Task.Delay(250, _ct);
        }
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static int ConsecutiveFreePorts(int count)
    {
        while (true)
        {
            int first = TestRedis.FreePort();
            try
            {
                var listeners = Enumerable.Range(first, count).Select(p => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, p)).ToList();
                listeners.ForEach(l => l.Start());
                listeners.ForEach(l => l.Stop());
                return first;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // one of them is taken: try another range
            }
        }
    }
}
