using System.Net.Http.Json;
using System.Text.Json;

using k8s;
using k8s.Models;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

using Orleans.TestingHost;

using OrleansEci.Eci;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Grains.Hosting;
using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Tests.Runtime;

/// <summary>Call counts of one action in the local ECI service's control API.</summary>
public sealed record ActionCalls(long Received, long Succeeded, long Throttled, long Failed, long Injected);

/// <summary>
/// The whole runtime in-process: the local ECI service and the local Kubernetes API server on 127.0.0.1:0, and an
/// Orleans test cluster whose grains, ECI client and Kubernetes client run on one fake clock. Membership and
/// messaging stay on real time. Two virtual nodes in two zones, as in the sandbox.
/// </summary>
public sealed class RuntimeFixture : IAsyncDisposable
{
    public const string ClusterId = "c-test";
    public const string NodeH = "virtual-kubelet-cn-hangzhou-h";
    public const string NodeI = "virtual-kubelet-cn-hangzhou-i";
    private const string AccessKeyId = "LTAI-runtime";
    private const string AccessKeySecret = "runtime-secret";

    private RuntimeFixture(FakeTimeProvider clock, EciEmulatorHost eci, KubeApiServer kube, InProcessTestCluster cluster, IKubernetes client)
    {
        Clock = clock;
        Eci = eci;
        Kube = kube;
        Cluster = cluster;
        Client = client;
        _control = new HttpClient { BaseAddress = eci.ControlUri };
    }

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _control;

    private static readonly TimeSpan RealPatience = TimeSpan.FromMinutes(2);

    public FakeTimeProvider Clock { get; }

    public EciEmulatorHost Eci { get; }

    public KubeApiServer Kube { get; }

    public InProcessTestCluster Cluster { get; }

    /// <summary>A Kubernetes client of the test's own (not the runtime's), on real time.</summary>
    public IKubernetes Client { get; }

    /// <summary>
    /// Starts the runtime. <paramref name="kube"/> may turn on local API server controllers (all off by default), e.g. the
    /// ReplicaSet and disruption controllers for workloads.
    /// </summary>
    public static async Task<RuntimeFixture> StartAsync(Action<Dictionary<string, string?>>? configure = null, int silos = 1, Action<EciEmulatorOptions>? eci = null,
        Action<KubeApiServerOptions>? kube = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var eciOptions = new EciEmulatorOptions { RandomSeed = 4 };
        eciOptions.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, AccessKeySecret));
        eci?.Invoke(eciOptions);
        var eciHost = await EciEmulatorHost.StartAsync(eciOptions, clock);
        var kubeOptions = new KubeApiServerOptions { Https = false };
        kubeOptions.Controllers.DisableAll();
        kube?.Invoke(kubeOptions);
        var kubeServer = await KubeApiServer.StartAsync(kubeOptions, timeProvider: clock);
        var kubeConfig = new KubernetesClientConfiguration { Host = kubeServer.BaseUri.ToString() };

        var settings = new Dictionary<string, string?>
        {
            ["Eci:Endpoint"] = eciHost.BaseUri.ToString(),
            ["Eci:RegionId"] = eciHost.Region.RegionId,
            ["Eci:AccessKeyId"] = AccessKeyId,
            ["Eci:AccessKeySecret"] = AccessKeySecret,
            ["Eci:AttemptTimeout"] = "01:00:00", // the fake clock jumps while calls are in flight
            ["VirtualKubelet:ClusterId"] = ClusterId,
            ["VirtualKubelet:RegionId"] = eciHost.Region.RegionId,
            ["VirtualKubelet:SecurityGroupId"] = eciHost.Region.SecurityGroups[0].SecurityGroupId,
            ["VirtualKubelet:PodIp"] = "10.0.0.10",
            ["VirtualKubelet:Nodes:0:Name"] = NodeH,
            ["VirtualKubelet:Nodes:0:VSwitchIds:0"] = "vsw-emu-h",
            ["VirtualKubelet:Nodes:0:ZoneId"] = "cn-hangzhou-h",
            ["VirtualKubelet:Nodes:1:Name"] = NodeI,
            ["VirtualKubelet:Nodes:1:VSwitchIds:0"] = "vsw-emu-i",
            ["VirtualKubelet:Nodes:1:ZoneId"] = "cn-hangzhou-i",
        };
        configure?.Invoke(settings);

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureHost(host =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddSingleton<TimeProvider>(clock);
            host.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            host.Services.AddSingleton(kubeConfig);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("pods");
            silo.AddEciRuntime(silo.Configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RuntimeFixture(clock, eciHost, kubeServer, cluster, new k8s.Kubernetes(kubeConfig));
    }

    /// <summary>
    /// Advances the fake clock in small steps, letting the runtime's loops run between steps, until
    /// <paramref name="condition"/> holds; fails with <paramref name="what"/> and the last value after
    /// <paramref name="patience"/> of fake time.
    /// </summary>
    public async Task<T> EventuallyAsync<T>(string what, Func<Task<T>> read, Func<T, bool> condition, TimeSpan? patience = null, TimeSpan? step = null)
    {
        DateTimeOffset deadline = Clock.GetUtcNow() + (patience ?? TimeSpan.FromMinutes(2));
        TimeSpan tick = step ?? TimeSpan.FromMilliseconds(500);
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            T value = await read();
            if (condition(value))
            {
                return value;
            }

            // Fails only once the fake patience is spent AND two generous real minutes have passed: on a loaded machine the
            // runtime's HTTP round trips can lag behind a clock that the test moves forward on its own.
            Assert.True(Clock.GetUtcNow() < deadline || real.Elapsed < RealPatience,
                $"Expected {what} within {patience ?? TimeSpan.FromMinutes(2)} of fake time; last saw: {Describe(value)}");
            Clock.Advance(tick);
            await Task.Delay(15); // let the loops and grains react to the new time (a yield, not a wait for "long enough")
        }
    }

    /// <summary>Lets <paramref name="total"/> of fake time pass in steps, giving the runtime's loops a turn after each.</summary>
    public async Task AdvanceAsync(TimeSpan total, TimeSpan step)
    {
        for (TimeSpan done = TimeSpan.Zero; done < total; done += step)
        {
            Clock.Advance(step);
            await Task.Delay(15);
        }
    }

    /// <summary>Arms a fault in the local ECI service (see src/Emulators/Eci/Control/FaultRule.cs).</summary>
    public async Task AddFaultAsync(object rule)
    {
        using var response = await _control.PostAsJsonAsync("faults", rule, ControlJson);
        Assert.True(response.IsSuccessStatusCode, $"Expected the ECI control API to accept fault {JsonSerializer.Serialize(rule)}: {(int)response.StatusCode}");
    }

    /// <summary>How many calls of <paramref name="action"/> the local ECI service received and how they ended.</summary>
    public async Task<ActionCalls> CallsAsync(string action)
    {
        var calls = await _control.GetFromJsonAsync<Dictionary<string, ActionCalls>>("calls", ControlJson);
        return calls?.GetValueOrDefault(action) ?? new ActionCalls(0, 0, 0, 0, 0);
    }

    /// <summary>The pod's events, oldest first.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string pod, string ns = "default") =>
        [.. (await Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=" + pod)).Items.OrderBy(e => e.LastTimestamp)];

    /// <summary>The runtime's own ECI client (from the newest silo), for reading what ECI holds.</summary>
    public IEciClient EciClient => Services.GetRequiredService<IEciClient>();

    /// <summary>Grains, reached from inside the newest silo (the external client dies with its gateway silo).</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    private IServiceProvider Services => Cluster.GetSiloServiceProvider(Cluster.Silos[^1].SiloAddress);

    /// <summary>Every live container group of the test cluster, by id.</summary>
    public async Task<Dictionary<string, ContainerGroup>> GroupsAsync()
    {
        var groups = new Dictionary<string, ContainerGroup>(StringComparer.Ordinal);
        await foreach (ContainerGroup g in EciClient.ListContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = ContainerGroupTags.ForCluster(ClusterId) }))
        {
            groups[g.ContainerGroupId!] = g;
        }

        return groups;
    }

    public Task<V1Pod> CreatePodAsync(V1Pod pod) => Client.CoreV1.CreateNamespacedPodAsync(pod, pod.Metadata.NamespaceProperty ?? "default");

    public async Task<V1Pod?> ReadPodAsync(string name, string ns = "default")
    {
        try
        {
            return await Client.CoreV1.ReadNamespacedPodAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static V1Pod Pod(string name, string node, string image = "nginx:1.27", Action<V1Pod>? configure = null)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1PodSpec
            {
                NodeName = node,
                Containers = [new V1Container { Name = "main", Image = image }],
                Tolerations = [new V1Toleration { Key = "virtual-kubelet.io/provider", OperatorProperty = "Exists" }],
            },
        };
        configure?.Invoke(pod);
        return pod;
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        V1Pod p => $"pod {p.Metadata?.Name} phase={p.Status?.Phase} reason={p.Status?.Reason} message={p.Status?.Message} ip={p.Status?.PodIP}",
        _ => value.ToString() ?? "",
    };

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        Client.Dispose();
        await Cluster.DisposeAsync();
        await Kube.DisposeAsync();
        await Eci.DisposeAsync();
    }
}
