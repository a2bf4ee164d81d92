using System.Globalization;
using System.Net;
using System.Net.Sockets;

using k8s;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

using OrleansEci.Eci.Configuration;
using OrleansEci.Grains.Hosting;
using OrleansEci.Grains.Kubernetes;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// One silo with the runtime, composed as <c>SiloHost.Build</c> does (localhost clustering, memory grain storage,
/// <c>AddEciRuntime</c>) but on free ports and without the dashboard, with M virtual nodes spread over the region's zones.
/// </summary>
internal sealed class RuntimeSilo : IAsyncDisposable
{
    public const string ClusterId = "c-bench";
    private readonly IHost _host;

    private RuntimeSilo(IHost host, IReadOnlyList<string> nodes, WarningCounter warnings)
    {
        _host = host;
        Nodes = nodes;
        Warnings = warnings;
    }

    /// <summary>The silo's warnings and errors, counted.</summary>
    public WarningCounter Warnings { get; }

    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The silo's zone knowledge cache (its snapshot fetches are the only zone grain calls on the create path).</summary>
    public OrleansEci.Grains.Zones.ZoneKnowledgeCache Zones => _host.Services.GetRequiredService<OrleansEci.Grains.Zones.ZoneKnowledgeCache>();

    /// <summary>The runtime's counters of API-server calls.</summary>
    public KubeRequestCounters KubeCalls => _host.Services.GetRequiredService<KubeRequestCounters>();

    public static async Task<RuntimeSilo> StartAsync(Peers peers, BenchOptions options, CancellationToken cancellationToken)
    {
        string[] zones = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"];
        var settings = new Dictionary<string, string?>
        {
            ["Eci:Endpoint"] = peers.EciUri.ToString(),
            ["Eci:RegionId"] = "cn-hangzhou",
            ["Eci:AccessKeyId"] = PeerHost.AccessKeyId,
            ["Eci:AccessKeySecret"] = PeerHost.AccessKeySecret,
            ["VirtualKubelet:ClusterId"] = ClusterId,
            ["VirtualKubelet:RegionId"] = "cn-hangzhou",
            ["VirtualKubelet:SecurityGroupId"] = "sg-emu-default",
            ["VirtualKubelet:PodIp"] = "127.0.0.1",
        };
        List<string> nodes = [];
        for (int n = 0; n < options.Nodes && options.Scenario == Scenario.Zones; n++)
        {
            // Issue 5: every node over the three zones (a vSwitch belongs to one node, so the zones scenario runs one node).
            string name = string.Create(CultureInfo.InvariantCulture, $"virtual-kubelet-multizone-{n}");
            nodes.Add(name);
            settings[$"VirtualKubelet:Nodes:{n}:Name"] = name;
            for (int z = 0; z < zones.Length; z++)
            {
                settings[$"VirtualKubelet:Nodes:{n}:VSwitchIds:{z}"] = "vsw-emu-" + zones[z][^1];
                settings[$"Zones:VSwitches:vsw-emu-{zones[z][^1]}:ZoneId"] = zones[z];
            }
        }

        for (int n = 0; n < options.Nodes && options.Scenario != Scenario.Zones; n++)
        {
            string zone = zones[n % zones.Length];
            string name = string.Create(CultureInfo.InvariantCulture, $"virtual-kubelet-{zone}-{n}");
            nodes.Add(name);
            settings[$"VirtualKubelet:Nodes:{n}:Name"] = name;
            settings[$"VirtualKubelet:Nodes:{n}:ZoneId"] = zone;
            settings[$"VirtualKubelet:Nodes:{n}:VSwitchIds:0"] = "vsw-emu-" + zone[^1];
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        WarningCounter warnings = new();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        // Warnings are counted for the report; only errors are printed (to standard error).
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(warnings);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Error);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(new KubernetesClientConfiguration { Host = peers.KubeUri.ToString() });
        if (!options.Paced)
        {
            // (b) and the ramp of (c): the runtime's client-side ECI buckets off too, or they would cap creates at 20/s.
            builder.Services.Configure<EciClientOptions>(o =>
            {
                o.RateLimits = EciClientOptions.DefaultRateLimits().ToDictionary(kv => kv.Key, _ => EciRateLimit.Unlimited);
                o.DefaultRateLimit = EciRateLimit.Unlimited;
            });
        }

        int siloPort = FreePort(), gatewayPort = FreePort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.AddMemoryGrainStorage("pods");
            silo.AddEciRuntime(builder.Configuration);
        });
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new RuntimeSilo(host, nodes, warnings);
    }

    /// <summary>Live managed bytes after a full, compacting, blocking collection.</summary>
    public static long LiveBytes()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        using CancellationTokenSource patience = new(TimeSpan.FromSeconds(30));
        await _host.StopAsync(patience.Token);
        _host.Dispose();
    }
}
