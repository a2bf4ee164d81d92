using k8s;
using k8s.Models;

using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Tests.Runtime;

/// <summary>The virtual nodes as Kubernetes sees them, annotations reaching ECI, preStop-graceful deletion, spot reclaim.</summary>
public sealed class NodeAndSpotTests
{
    [Fact]
    public async Task VirtualNodes_AreRegisteredReadyWithTaintLeaseAndZone_AndComeBackWhenDeleted()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        V1Node node = await fx.EventuallyAsync($"node {RuntimeFixture.NodeH} Ready", () => ReadNodeAsync(fx, RuntimeFixture.NodeH),
            n => n?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) ?? throw new InvalidOperationException();
        Assert.Equal("virtual-kubelet", node.Metadata.Labels["type"]);
        Assert.Equal("cn-hangzhou-h", node.Metadata.Labels["topology.kubernetes.io/zone"]);
        Assert.Contains(node.Spec.Taints, t => t.Key == "virtual-kubelet.io/provider" && t.Value == "alibabacloud" && t.Effect == "NoSchedule");
        Assert.Equal("10.0.0.10", node.Status.Addresses.Single(a => a.Type == "InternalIP").Address);
        // The Node is registered (and Ready) a moment before its first Lease is created.
        V1Lease lease = await fx.EventuallyAsync($"the lease of {RuntimeFixture.NodeH}", () => ReadLeaseAsync(fx, RuntimeFixture.NodeH), l => l is not null)
            ?? throw new InvalidOperationException();
        DateTime renewed = lease.Spec.RenewTime!.Value;
        await fx.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        lease = await fx.Client.CoordinationV1.ReadNamespacedLeaseAsync(RuntimeFixture.NodeH, "kube-node-lease", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(lease.Spec.RenewTime > renewed, $"Expected the lease of {RuntimeFixture.NodeH} renewed after 30 s; renewTime stayed {renewed:O}");

        await fx.Client.CoreV1.DeleteNodeAsync(RuntimeFixture.NodeH, cancellationToken: TestContext.Current.CancellationToken);
        await fx.EventuallyAsync($"node {RuntimeFixture.NodeH} registered again after someone deleted it", () => ReadNodeAsync(fx, RuntimeFixture.NodeH),
            n => n is not null, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task UseSpecsAnnotation_ChoosesTheInstanceTypeOnEci()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("specs", RuntimeFixture.NodeH, configure: p =>
            p.Metadata.Annotations = new Dictionary<string, string> { ["k8s.aliyun.com/eci-use-specs"] = "ecs.g6.large,4-8Gi" }));
        await fx.EventuallyAsync("pod default/specs Running", () => fx.ReadPodAsync("specs"), p => p?.Status?.Phase == "Running");
        var state = await fx.Grains.GetGrain<IPodGrain>("default/specs").GetState();
        var group = (await fx.GroupsAsync())[state.ContainerGroupId!];
        Assert.Equal("ecs.g6.large", group.InstanceType);
    }

    [Fact]
    public async Task DeletionWithPreStop_PodStaysTerminatingUntilEciFinishes_ThenIsRemoved()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("graceful", RuntimeFixture.NodeH, configure: p =>
            p.Spec.Containers[0].Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "sleep 5"] } } }));
        await fx.EventuallyAsync("pod default/graceful Running", () => fx.ReadPodAsync("graceful"), p => p?.Status?.Phase == "Running");
        var state = await fx.Grains.GetGrain<IPodGrain>("default/graceful").GetState();

        await fx.Client.CoreV1.DeleteNamespacedPodAsync("graceful", "default", new V1DeleteOptions { GracePeriodSeconds = 30 },
            cancellationToken: TestContext.Current.CancellationToken);
        await fx.EventuallyAsync("group of default/graceful Terminating", async () => (await fx.GroupsAsync()).GetValueOrDefault(state.ContainerGroupId!),
            g => g?.Status == "Terminating", step: TimeSpan.FromMilliseconds(200));
        Assert.NotNull(await fx.ReadPodAsync("graceful")); // the pod object waits for its containers, as with a kubelet
        await fx.EventuallyAsync("pod default/graceful removed once ECI finished", () => fx.ReadPodAsync("graceful"), p => p is null);
        Assert.False((await fx.GroupsAsync()).ContainsKey(state.ContainerGroupId!));
    }

    [Fact]
    public async Task SpotReclaim_WarnsOnThePod_ThenReportsFailedBidFailed()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("spot", RuntimeFixture.NodeH, configure: p =>
            p.Metadata.Annotations = new Dictionary<string, string> { ["k8s.aliyun.com/eci-spot-strategy"] = "SpotAsPriceGo" }));
        await fx.EventuallyAsync("pod default/spot Running", () => fx.ReadPodAsync("spot"), p => p?.Status?.Phase == "Running");
        var state = await fx.Grains.GetGrain<IPodGrain>("default/spot").GetState();

        using (var control = new HttpClient { BaseAddress = fx.Eci.ControlUri })
        {
            using var response = await control.PostAsync($"groups/{state.ContainerGroupId}/reclaim", null, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"Expected the ECI control API to reclaim {state.ContainerGroupId}: {(int)response.StatusCode}");
        }

        await fx.EventuallyAsync("a SpotToBeReleased event on default/spot", () => fx.EventsAsync("spot"), e => e.Any(x => x.Reason == "SpotToBeReleased"),
            step: TimeSpan.FromSeconds(1));
        V1Pod failed = (await fx.EventuallyAsync("pod default/spot Failed after the reclaim", () => fx.ReadPodAsync("spot"), p => p?.Status?.Phase == "Failed",
            TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(2)))!;
        Assert.Equal("BidFailed", failed.Status.Reason);
    }

    [Fact]
    public async Task AccountVCpuQuotaUsedUp_ShrinksTheNodesAllocatableCpuToWhatItsPodsRequest()
    {
        await using var fx = await RuntimeFixture.StartAsync(eci: o => o.Region.VcpuQuota = 4);
        foreach (string name in new[] { "q-0", "q-1", "q-2" })
        {
            await fx.CreatePodAsync(RuntimeFixture.Pod(name, RuntimeFixture.NodeH, configure: p =>
                p.Spec.Containers[0].Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2"), ["memory"] = new("4Gi") } }));
        }

        // Two pods fit the account's 4 vCPUs; the third is refused with QuotaExceed, and the node stops offering room.
        V1Node node = (await fx.EventuallyAsync($"allocatable cpu of {RuntimeFixture.NodeH} to shrink to its pods' 6 requested vCPUs",
            () => ReadNodeAsync(fx, RuntimeFixture.NodeH), n => n?.Status?.Allocatable?["cpu"]?.ToDecimal() == 6m, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1)))!;
        Assert.True(node.Status.Capacity["cpu"].ToDecimal() > 6m, "Expected capacity to stay the configured quota while allocatable shrinks");
        await fx.EventuallyAsync("a QuotaExceed event on the pod ECI refused", async () => (await fx.EventsAsync("q-0")).Concat(await fx.EventsAsync("q-1")).Concat(await fx.EventsAsync("q-2")).ToList(),
            events => events.Any(e => e.Reason == "QuotaExceed"));
        V1Node other = (await ReadNodeAsync(fx, RuntimeFixture.NodeI))!;
        Assert.Equal(other.Status.Capacity["cpu"].ToDecimal(), other.Status.Allocatable["cpu"].ToDecimal());
    }

    private static async Task<V1Lease?> ReadLeaseAsync(RuntimeFixture fx, string name)
    {
        try
        {
            return await fx.Client.CoordinationV1.ReadNamespacedLeaseAsync(name, "kube-node-lease");
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<V1Node?> ReadNodeAsync(RuntimeFixture fx, string name)
    {
        try
        {
            return await fx.Client.CoreV1.ReadNodeAsync(name);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
