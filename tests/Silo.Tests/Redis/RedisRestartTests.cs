using System.Diagnostics;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>
/// Issue 7's Redis restart: the cluster's Redis (membership, grain state, reminders) stops while pods are being created
/// and more are created while it is down; once it is back, every pod runs with exactly one container group and no silo
/// has left the cluster.
/// </summary>
public sealed class RedisRestartTests
{
    private const int Batch = 150;

    [Fact]
    public async Task RestartRedis_WhilePodsAreCreated_ClusterRecoversWithoutLosingPods()
    {
        using var redis = await RedisServerProcess.StartAsync();
        await using var cluster = await SiloCluster.StartAsync("redis-restart", silos: 3, redis.ConnectionString, TestContext.Current.CancellationToken);
        await cluster.UntilNodesReadyAsync();

        var first = await cluster.CreatePodsAsync("rs-a", Batch);
        await cluster.UntilAsync("some pods of the first batch created", () =>
            Task.FromResult(cluster.Running.Sum(s => SiloCluster.Created(s.Output, "rs-a").Count) >= Batch / 3));
        var stopwatch = Stopwatch.StartNew();
        await redis.StopAsync();
        var second = await cluster.CreatePodsAsync("rs-b", Batch);
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken); // an outage longer than a lease renewal and a poller cycle
        var outage = stopwatch.Elapsed;
        await redis.StartAgainAsync();

        await cluster.UntilAllRunningAsync($"all {2 * Batch} pods Running after Redis came back", 2 * Batch);
        var recovered = stopwatch.Elapsed;
        Assert.True(cluster.Running.Count == 3, $"Expected all three silos to ride out the Redis restart; running: {string.Join(", ", cluster.Running.Select(s => s.Name))}");
        await cluster.AssertOneGroupPerPodAsync([.. first, .. second], "after the Redis restart");
        TestContext.Current.SendDiagnosticMessage($"Redis down {outage.TotalSeconds:F1} s; all {2 * Batch} pods Running {recovered.TotalSeconds:F1} s after it stopped");
    }
}
