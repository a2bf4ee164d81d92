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

        var watch = await cluster.StartWatchingAsync("get", "pods", "-n", ns, "-w", "--output-watch-events", "--request-timeout=4s");
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
}
