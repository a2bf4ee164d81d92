using System.Diagnostics;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>
/// Issue 7's failover test: three real silo processes in one Redis-backed cluster serving four virtual nodes; one is
/// killed (SIGKILL) while it hosts pod grains and 1,000 pods are being created.
/// </summary>
public sealed class RedisFailoverTests
{
    private const int Batch = 500;

    [Fact]
    public async Task KillSilo_WhilePodsAreCreated_EveryPodRunningWithOneGroupAndNodesNeverNotReady()
    {
        await using var cluster = await SiloCluster.StartAsync("failover", silos: 3, redis: null, TestContext.Current.CancellationToken);
        await cluster.UntilNodesReadyAsync();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var notReady = cluster.WatchNodesAsync(watching.Token);

        var first = await cluster.CreatePodsAsync("fo-a", Batch);
        var victim = await cluster.UntilAsync("a silo to have created a group for a pod grain it hosts",
            () => Task.FromResult(cluster.Running.FirstOrDefault(s => SiloCluster.Created(s.Output, "fo-a").Count > 0)));
        var stopwatch = Stopwatch.StartNew();
        victim.Kill();
        // No waiting for the eviction: pods created now go to grains that may still be placed on the dead silo until the
        // cluster declares it dead (~10 s); the watches retry, and list again when it is declared dead (SiloDeaths).
        var second = await cluster.CreatePodsAsync("fo-b", Batch);
        await cluster.UntilAsync($"{victim.Name} declared Dead in Redis", async () => (await cluster.MemberStatusesAsync(victim.Name)).Contains(6));
        var evicted = stopwatch.Elapsed;

        await cluster.UntilAllRunningAsync($"all {2 * Batch} pods Running after {victim.Name} was killed", 2 * Batch);
        var recovered = stopwatch.Elapsed;
        await watching.CancelAsync();
        var bad = await notReady;
        Assert.True(bad.Count == 0, $"Expected every virtual node Ready throughout the failover; saw: {string.Join("; ", bad.Take(20))}");
        await cluster.AssertOneGroupPerPodAsync([.. first, .. second], $"after {victim.Name} was killed");

        TestContext.Current.SendDiagnosticMessage($"{victim.Name} declared dead {evicted.TotalSeconds:F1} s and all {2 * Batch} pods Running "
            + $"{recovered.TotalSeconds:F1} s after it was killed (it had created groups for {SiloCluster.Created(victim.Output, "fo-a").Count} pods)");
    }
}
