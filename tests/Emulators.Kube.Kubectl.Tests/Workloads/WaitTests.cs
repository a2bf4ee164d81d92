using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Workloads;

/// <summary><c>kubectl wait --for=condition=Ready</c>: an informer on the one object, met when the condition turns True, or a timeout error.</summary>
public sealed class WaitTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task WaitForReady_PodBecomesReady_ReportsConditionMet()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"web"},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"nginx"}]}}""");
        var waiting = await cluster.StartWatchingAsync("wait", "--for=condition=Ready", "pod/web", "-n", ns, "--timeout=60s");
        await cluster.SetStatusAsync("", "pods", ns, "web", """{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}""");

        Assert.Equal("pod/web condition met\n", (await waiting).Succeeded());
    }

    [Fact]
    public async Task WaitForReady_PodNeverReady_TimesOut()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"slow"},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"nginx"}]}}""");

        var result = await cluster.RunAsync("wait", "--for=condition=Ready", "pod/slow", "-n", ns, "--timeout=2s");

        Assert.Equal("error: timed out waiting for the condition on pods/slow\n", result.Failed());
    }
}
