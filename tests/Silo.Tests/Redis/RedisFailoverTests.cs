using System.Diagnostics;

using k8s;

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
        // The victim hosts a virtual node (its address is a node's InternalIP) and pod grains that have created groups.
        var victim = await cluster.UntilAsync("a silo hosting a virtual node to have created a group for a pod grain it hosts", async () =>
        {
            var hosts = (await cluster.NodeAddressesAsync()).Values.ToHashSet(StringComparer.Ordinal);
            return cluster.Running.FirstOrDefault(s => hosts.Contains(SiloCluster.AddressOf(s.Index)) && SiloCluster.Created(s.Output, "fo-a").Count > 0);
        });
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

        // The API server reaches a node's kubelet API at its InternalIP: it must be a live silo's, never the dead one's.
        string dead = SiloCluster.AddressOf(victim.Index);
        var addresses = await cluster.UntilAsync($"every virtual node to advertise a live silo's address instead of {dead}", async () =>
        {
            var now = await cluster.NodeAddressesAsync();
            return now.Count == SiloCluster.Nodes.Length && !now.ContainsValue(dead) ? now : null;
        });
        try
        {
            // The API server proxies the log request to the node's InternalIP and kubelet port (nginx logs nothing here:
            // the answer, not its text, is the point).
            using var logs = await cluster.Client.CoreV1.ReadNamespacedPodLogAsync(first[0], "default", cancellationToken: TestContext.Current.CancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            Assert.Fail($"Expected kubectl logs of default/{first[0]} to be served by a live silo after the failover (nodes at {string.Join(", ", addresses)}); "
                + $"the API server answered {(int)e.Response.StatusCode}: {e.Response.Content}");
        }

        TestContext.Current.SendDiagnosticMessage($"{victim.Name} declared dead {evicted.TotalSeconds:F1} s and all {2 * Batch} pods Running "
            + $"{recovered.TotalSeconds:F1} s after it was killed (it had created groups for {SiloCluster.Created(victim.Output, "fo-a").Count} pods)");
    }
}
