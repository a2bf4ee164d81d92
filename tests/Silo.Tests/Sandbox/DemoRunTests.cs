using k8s;

using OrleansEci.Grains.Pods;
using OrleansEci.Silo.Sandbox;
using OrleansEci.Silo.Tests.Sandbox.Support;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// <c>sandbox --demo 3 --once</c> does what the command does after the nodes are Ready: <see cref="DemoRun.RunAsync"/>
/// applies the demo Deployment and returns once its pods run, with per-pod latencies.
/// </summary>
[Collection(SharedSandbox.Name)]
public sealed class DemoRunTests(SandboxFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunAsync_ThreeReplicas_ReturnsThreePodsRunningOnEci()
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(Limit);

        DemoRun.Result result = await DemoRun.RunAsync(fixture.Sandbox.Client, 3, TimeProvider.System, limit.Token);

        Assert.Equal(3, result.Pods);
        Assert.True(TimeSpan.Zero < result.P50 && result.P50 <= result.P99 && result.P99 <= result.Total + TimeSpan.FromSeconds(1),
            $"Expected 0 < p50 <= p99 <= total (creation timestamps have 1 s resolution); got {result}.");
        Assert.StartsWith("3 pods Running in ", result.ToString(), StringComparison.Ordinal);

        var pods = await fixture.Sandbox.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=" + DemoRun.Name,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(pods.Items, p => Assert.True(p.Status?.Phase == "Running" && SandboxHost.VirtualNodes.Contains(p.Spec.NodeName),
            $"Expected demo pod default/{p.Metadata.Name} Running on a virtual node; it is {p.Status?.Phase} on {p.Spec.NodeName}."));
        var groups = await fixture.GroupsInNamespaceAsync("default");
        var demoGroups = groups.Where(g => ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Name)?.StartsWith(DemoRun.Name + "-", StringComparison.Ordinal) == true).ToArray();
        Assert.True(demoGroups.Length == 3 && demoGroups.All(g => g.Status == "Running"),
            $"Expected 3 Running container groups for the demo's pods; the local ECI service has {string.Join(", ", demoGroups.Select(g => $"{g.ContainerGroupId} {g.Status}"))}.");
    }
}
