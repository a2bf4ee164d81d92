using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

using static OrleansEci.Emulators.Kube.Kubectl.Tests.Support.TableText;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Reads;

/// <summary>
/// <c>kubectl get -w</c>: the list, then one Table row per watch event (column definitions only on the first), ended
/// here by a bounded <c>--request-timeout</c>, after which kubectl exits 0.
/// </summary>
public sealed class WatchTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task GetPodsWatch_ObjectChangesAndIsDeleted_PrintsOneRowPerEvent()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"web"},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"nginx"}]}}""");
        var pods = cluster.Type("", "pods");
        var watchers = cluster.Server.Store.WatcherCount(pods);

        var watch = cluster.RunAsync(["get", "pods", "-n", ns, "-w", "--output-watch-events", "--request-timeout=4s"], stdin: null, KubectlCluster.DefaultTimeout);
        await Until(() => cluster.Server.Store.WatcherCount(pods) > watchers || watch.IsCompleted);
        await cluster.SetStatusAsync("", "pods", ns, "web", """{"phase":"Running"}""");
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"late"},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"nginx"}]}}""");
        var output = (await watch).Succeeded();

        Assert.Equal(["EVENT", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], Header(output));
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal(["ADDED", "web", "0/1", "Pending"], Cells(lines[1])[..4]);
        Assert.Equal(["MODIFIED", "web", "0/1", "Running"], Cells(lines[2])[..4]);
        Assert.Equal(["ADDED", "late", "0/1"], Cells(lines[3])[..3]);
    }

    /// <summary>Waits (bounded) until the watch is registered in the store, so later writes are seen as events.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, "kubectl's watch did not reach the server within 20 s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
