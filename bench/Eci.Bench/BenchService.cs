using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Configuration;
using OrleansEci.Emulators.Eci.Hosting;

namespace OrleansEci.Eci.Bench;

/// <summary>
/// A fresh local ECI service for one scenario, with flow control off, an instant lifecycle and no quotas, and a client with
/// no token buckets and no retries, so the numbers show the client's and the service's own cost.
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    private const string AccessKeyId = "LTAI-bench";
    private const string AccessKeySecret = "bench-secret";
    private readonly HttpClient _http;

    private BenchService(EciEmulatorHost host)
    {
        Host = host;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        EciClientOptions options = new()
        {
            Endpoint = host.BaseUri,
            RegionId = host.Region.RegionId,
            AccessKeyId = AccessKeyId,
            AccessKeySecret = AccessKeySecret,
            MaxRetryAttempts = 0,
            RateLimits = EciClientOptions.DefaultRateLimits().ToDictionary(kv => kv.Key, _ => EciRateLimit.Unlimited),
            DefaultRateLimit = EciRateLimit.Unlimited,
        };
        Client = new EciClient(_http, options);
    }

    public EciEmulatorHost Host { get; }

    public EciClient Client { get; }

    /// <summary>Groups created by <see cref="CreateGroupsAsync"/>.</summary>
    public IReadOnlyList<string> GroupIds { get; private set; } = [];

    /// <summary>The tag every benchmark group carries.</summary>
    public static Tag BenchTag { get; } = new("bench", "eci");

    public static async Task<BenchService> StartAsync(CancellationToken cancellationToken)
    {
        EciEmulatorOptions options = new() { RandomSeed = 1 };
        options.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, AccessKeySecret));
        options.RateLimits.Unlimited = true;
        options.Lifecycle.Scheduling = TimeSpan.Zero;
        options.Lifecycle.Pending = TimeSpan.Zero;

        // Room for every group a run creates (tens of thousands): no vCPU quota, vSwitch IP or security-group limit.
        options.Region.VcpuQuota = 1e9;
        for (int i = 0; i < options.Region.VSwitches.Count; i++)
        {
            options.Region.VSwitches[i].CidrBlock = $"10.{i * 4}.0.0/14";
        }

        foreach (var group in options.Region.SecurityGroups)
        {
            group.InstanceQuota = int.MaxValue;
        }
        return new BenchService(await EciEmulatorHost.StartAsync(options, TimeProvider.System, cancellationToken: cancellationToken));
    }

    /// <summary>A small create request, like the one a pod with one container becomes.</summary>
    public static CreateContainerGroupRequest CreateRequest(int worker, long call) => new()
    {
        ContainerGroupName = $"bench-{worker}-{call}",
        Cpu = 0.5,
        Memory = 1,
        Tags = [BenchTag, new Tag("worker", worker.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        Containers = [new ContainerDefinition { Name = "app", Image = "busybox:1.36", Command = ["/bin/sh", "-c"], Args = ["echo ready; sleep 3600"] }],
    };

    public async Task CreateGroupsAsync(int count, CancellationToken cancellationToken)
    {
        List<string> ids = new(count);
        for (int i = 0; i < count; i++)
        {
            ids.Add((await Client.CreateContainerGroupAsync(CreateRequest(-1, i), cancellationToken)).ContainerGroupId!);
        }

        GroupIds = ids;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
    }
}
