using k8s;
using k8s.Models;

using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Tests.Runtime;

public sealed class PodLifecycleTests
{
    [Fact]
    public async Task BarePod_BoundToVirtualNode_RunsOnEciWithIpAndIsDeletedGracefully()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("web", RuntimeFixture.NodeH));

        V1Pod running = (await fx.EventuallyAsync("pod default/web Running with an IP", () => fx.ReadPodAsync("web"),
            p => p?.Status?.Phase == "Running" && !string.IsNullOrEmpty(p.Status.PodIP)))!;
        Assert.Equal("10.0.0.10", running.Status.HostIP);
        Assert.True(running.Metadata.Annotations?.ContainsKey("k8s.aliyun.com/eci-instance-id"),
            "Expected the pod to carry its container group id in k8s.aliyun.com/eci-instance-id");
        var state = await fx.Grains.GetGrain<IPodGrain>("default/web").GetState();
        Assert.Equal(PodStage.Created, state.Stage);
        Assert.Equal(running.Metadata.Annotations!["k8s.aliyun.com/eci-instance-id"], state.ContainerGroupId);

        await fx.Client.CoreV1.DeleteNamespacedPodAsync("web", "default", cancellationToken: TestContext.Current.CancellationToken);
        await fx.EventuallyAsync("pod default/web gone from the API server", () => fx.ReadPodAsync("web"), p => p is null);
        var groups = await fx.GroupsAsync();
        Assert.False(groups.ContainsKey(state.ContainerGroupId!), $"Expected group {state.ContainerGroupId} of the deleted pod to be gone from ECI");
    }
}
