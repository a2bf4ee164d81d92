using System.Diagnostics;
using System.Globalization;

using k8s;

using OrleansEci.Silo.Tests.Redis;

// Cluster benchmark (issue 7): create throughput with 1 vs 3 silos, failover (kill -9 one of three silos while pods
// are created) and a rolling restart of three silos with every pod Running. Each scenario runs on a fresh cluster:
// its own redis-server, the in-process local ECI service and API server, real silo processes, four virtual nodes.
// Usage: dotnet run -c Release --project bench/Cluster.Bench -- [--pods N] [scenario ...]
//   scenarios: throughput-1, throughput-3, failover, rolling (default: all four)
int pods = 1000;
List<string> scenarios = [];
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--pods" && i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out int n) && n >= 8)
    {
        pods = n;
    }
    else if (args[i] is "throughput-1" or "throughput-3" or "failover" or "rolling")
    {
        scenarios.Add(args[i]);
    }
    else
    {
        Console.Error.WriteLine($"Unknown or malformed argument '{args[i]}'. Usage: [--pods N (>= 8)] [throughput-1|throughput-3|failover|rolling ...]");
        return 2;
    }
}

if (scenarios.Count == 0)
{
    scenarios = ["throughput-1", "throughput-3", "failover", "rolling"];
}

Console.WriteLine($"| scenario | silos | pods | result |");
Console.WriteLine("|---|---|---|---|");
foreach (string scenario in scenarios)
{
    string result = scenario switch
    {
        "throughput-1" => await ThroughputAsync(1),
        "throughput-3" => await ThroughputAsync(3),
        "failover" => await FailoverAsync(),
        _ => await RollingAsync(),
    };
    Console.WriteLine($"| {scenario} | {(scenario == "throughput-1" ? 1 : 3)} | {pods} | {result} |");
}

return 0;

async Task<string> ThroughputAsync(int silos)
{
    using var redis = await RedisServerProcess.StartAsync();
    await using var cluster = await SiloCluster.StartAsync($"bench-tp{silos}", silos, redis.ConnectionString, CancellationToken.None);
    await cluster.UntilNodesReadyAsync();
    var clock = Stopwatch.StartNew();
    var names = await cluster.CreatePodsAsync("tp", pods);
    var created = clock.Elapsed;
    await cluster.UntilAllRunningAsync($"all {pods} pods Running", pods);
    var running = clock.Elapsed;
    await cluster.AssertOneGroupPerPodAsync(names, "after the run");
    return Invariant($"all Running {running.TotalSeconds:F1} s after the first create ({pods / running.TotalSeconds:F1} pods/s; API server accepted all in {created.TotalSeconds:F1} s); one group per pod");
}

async Task<string> FailoverAsync()
{
    using var redis = await RedisServerProcess.StartAsync();
    await using var cluster = await SiloCluster.StartAsync("bench-failover", 3, redis.ConnectionString, CancellationToken.None);
    await cluster.UntilNodesReadyAsync();
    using var watching = new CancellationTokenSource();
    var notReady = cluster.WatchNodesAsync(watching.Token);
    var first = await cluster.CreatePodsAsync("fa", pods / 2);
    var victim = await cluster.UntilAsync("a silo to have created a group", () =>
        Task.FromResult(cluster.Running.FirstOrDefault(s => SiloCluster.Created(s.Output, "fa").Count > 0)));
    int hosted = SiloCluster.Created(victim!.Output, "fa").Count;
    var clock = Stopwatch.StartNew();
    victim.Kill();
    var second = await cluster.CreatePodsAsync("fb", pods - pods / 2);
    await cluster.UntilAsync("the victim declared dead", async () => (await cluster.MemberStatusesAsync(victim.Name)).Contains(6));
    var dead = clock.Elapsed;
    await cluster.UntilAllRunningAsync($"all {pods} pods Running", pods);
    var recovered = clock.Elapsed;
    await watching.CancelAsync();
    var bad = await notReady;
    await cluster.AssertOneGroupPerPodAsync([.. first, .. second], "after the failover");
    return Invariant($"killed {victim.Name} (it had created {hosted} groups); declared dead after {dead.TotalSeconds:F1} s; all Running {recovered.TotalSeconds:F1} s after the kill; one group per pod; node NotReady samples: {bad.Count}");
}

async Task<string> RollingAsync()
{
    using var redis = await RedisServerProcess.StartAsync();
    await using var cluster = await SiloCluster.StartAsync("bench-rolling", 3, redis.ConnectionString, CancellationToken.None);
    await cluster.UntilNodesReadyAsync();
    var names = await cluster.CreatePodsAsync("rr", pods);
    await cluster.UntilAllRunningAsync($"all {pods} pods Running", pods);
    var before = (await cluster.GroupsAsync()).Select(g => g.ContainerGroupId).ToHashSet(StringComparer.Ordinal);
    var callsBefore = await cluster.CallsAsync();
    using var watching = new CancellationTokenSource();
    var notReady = cluster.WatchNodesAsync(watching.Token);
    var clock = Stopwatch.StartNew();
    List<string> drains = [];
    for (int i = 0; i < 3; i++)
    {
        var t = clock.Elapsed;
        await cluster[i].StopAsync(TimeSpan.FromSeconds(60));
        drains.Add(Invariant($"{(clock.Elapsed - t).TotalSeconds:F1}"));
        cluster.Start(i);
        await cluster.UntilAsync($"silo-{i} Active again", async () => (await cluster.MemberStatusesAsync($"silo-{i}")).Contains(3));
    }

    var restarted = clock.Elapsed;
    await watching.CancelAsync();
    var bad = await notReady;
    var after = (await cluster.GroupsAsync()).Select(g => g.ContainerGroupId).ToHashSet(StringComparer.Ordinal);
    var callsAfter = await cluster.CallsAsync();
    long Delta(string action) => callsAfter.GetValueOrDefault(action) - callsBefore.GetValueOrDefault(action);
    var running = (await cluster.Client.CoreV1.ListNamespacedPodAsync("default")).Items.Count(p => p.Status?.Phase == "Running");
    await cluster.AssertOneGroupPerPodAsync(names, "after the rolling restart");
    return Invariant($"3 silos restarted one by one in {restarted.TotalSeconds:F1} s (SIGTERM drains {string.Join("/", drains)} s); groups gone {before.Except(after).Count()}, new {after.Except(before).Count()}; ")
        + Invariant($"Create/Delete calls during it {Delta("CreateContainerGroup")}/{Delta("DeleteContainerGroup")}; {running} of {pods} Running after; node NotReady samples: {bad.Count}");
}

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
