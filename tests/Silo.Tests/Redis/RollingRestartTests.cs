using System.Diagnostics;

using k8s;
using k8s.Models;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>
/// Issue 7's rolling restart: with 1,000 pods Running, every silo of three is stopped (SIGTERM) and started again, one
/// by one, waiting for the cluster to settle in between, as a Deployment's rollout does. Nothing may happen to the pods:
/// no container group deleted or created, no pod changing phase, no node NotReady.
/// </summary>
public sealed class RollingRestartTests
{
    private const int Pods = 1000;

    [Fact]
    public async Task RestartEverySilo_OneByOne_RunningPodsUntouched()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SiloCluster.StartAsync("rolling", silos: 3, redis: null, ct);
        await cluster.UntilNodesReadyAsync();
        var names = await cluster.CreatePodsAsync("rr", Pods);
        await cluster.UntilAllRunningAsync($"all {Pods} pods Running before the restart", Pods);
        var before = (await cluster.GroupsAsync()).Select(g => g.ContainerGroupId).ToHashSet(StringComparer.Ordinal);
        var calls = await cluster.CallsAsync();

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var notReady = cluster.WatchNodesAsync(watching.Token);
        var phaseChanges = WatchPhasesAsync(cluster.Client, watching.Token);
        var stopwatch = Stopwatch.StartNew();
        List<string> steps = [];
        for (int i = 0; i < 3; i++)
        {
            var stopping = stopwatch.Elapsed;
            int code = await cluster[i].StopAsync(TimeSpan.FromSeconds(60));
            Assert.True(code == 0, $"Expected silo-{i} to exit 0 after SIGTERM (a drained shutdown); it exited {code}");
            steps.Add($"silo-{i} drained in {(stopwatch.Elapsed - stopping).TotalSeconds:F1} s");
            cluster.Start(i);
            await cluster.UntilAsync($"silo-{i} Active again", async () => (await cluster.MemberStatusesAsync($"silo-{i}")).Contains(3));
        }

        var restarted = stopwatch.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(15), ct); // a poller cycle and a lease after the last restart: late damage shows here
        await watching.CancelAsync();

        var bad = await notReady;
        Assert.True(bad.Count == 0, $"Expected every virtual node Ready throughout the rolling restart; saw: {string.Join("; ", bad.Take(20))}");
        var changes = await phaseChanges;
        Assert.True(changes.Count == 0, $"Expected no pod to change phase during the rolling restart; saw {changes.Count}: {string.Join("; ", changes.Take(20))}");
        var after = (await cluster.GroupsAsync()).Select(g => g.ContainerGroupId).ToHashSet(StringComparer.Ordinal);
        Assert.True(after.SetEquals(before), $"Expected the same {before.Count} container groups after the rolling restart; "
            + $"gone: {string.Join(", ", before.Except(after).Take(10))}; new: {string.Join(", ", after.Except(before).Take(10))}");
        var now = await cluster.CallsAsync();
        foreach (string action in new[] { "CreateContainerGroup", "DeleteContainerGroup", "RestartContainerGroup", "UpdateContainerGroup" })
        {
            long was = calls.GetValueOrDefault(action), received = now.GetValueOrDefault(action);
            Assert.True(received == was, $"Expected no {action} call during the rolling restart; ECI received {received - was}");
        }

        await cluster.AssertOneGroupPerPodAsync(names, "after the rolling restart");
        TestContext.Current.SendDiagnosticMessage($"Rolling restart of 3 silos with {Pods} Running pods took {restarted.TotalSeconds:F1} s: {string.Join("; ", steps)}");
    }

    /// <summary>Watches the pods in <c>default</c> until cancelled; returns every phase change it saw (and every deletion).</summary>
    private static async Task<List<string>> WatchPhasesAsync(Kubernetes client, CancellationToken ct)
    {
        var list = await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct);
        var phases = list.Items.ToDictionary(p => p.Metadata.Name, p => p.Status?.Phase, StringComparer.Ordinal);
        List<string> changes = [];
        try
        {
            await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: list.Metadata.ResourceVersion,
                timeoutSeconds: 3600, cancellationToken: ct))
            {
                string name = pod.Metadata.Name;
                if (type == WatchEventType.Deleted)
                {
                    changes.Add($"{name} deleted");
                }
                else if (phases.TryGetValue(name, out var was) && was != pod.Status?.Phase)
                {
                    changes.Add($"{name} {was} -> {pod.Status?.Phase} ({pod.Status?.Reason})");
                }

                phases[name] = pod.Status?.Phase;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        return changes;
    }
}
