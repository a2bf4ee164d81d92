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

    [Fact]
    public async Task ImageChange_IsSentToEciWithUpdateContainerGroup_AndDeadlineChangeIsReportedNotApplied()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("upd", RuntimeFixture.NodeI, image: "nginx:1.26"));
        await fx.EventuallyAsync("pod default/upd Running", () => fx.ReadPodAsync("upd"), p => p?.Status?.Phase == "Running");

        var patch = new V1Patch("""{"spec":{"containers":[{"name":"main","image":"nginx:1.27"}],"activeDeadlineSeconds":600}}""", V1Patch.PatchType.StrategicMergePatch);
        await fx.Client.CoreV1.PatchNamespacedPodAsync(patch, "upd", "default", cancellationToken: TestContext.Current.CancellationToken);

        var state = await fx.Grains.GetGrain<IPodGrain>("default/upd").GetState();
        var group = await fx.EventuallyAsync("group of default/upd to run nginx:1.27", async () => (await fx.GroupsAsync())[state.ContainerGroupId!],
            g => g.Containers.Any(c => c.Image == "nginx:1.27"));
        Assert.Single(group.Containers);
        var events = await fx.EventsAsync("upd");
        Assert.Contains(events, e => e.Reason == "Updated" && e.Type == "Normal");
        Assert.Contains(events, e => e.Reason == "NotApplied" && e.Message.Contains("activeDeadlineSeconds", StringComparison.Ordinal));
        await fx.EventuallyAsync("pod default/upd Running nginx:1.27", () => fx.ReadPodAsync("upd"),
            p => p?.Status?.Phase == "Running" && p.Status.ContainerStatuses?.SingleOrDefault()?.Image == "nginx:1.27");
    }

    [Fact]
    public async Task PodCreatedAfterTheWatchTimedOut_IsStillServed()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("before", RuntimeFixture.NodeH));
        await fx.EventuallyAsync("pod default/before Running", () => fx.ReadPodAsync("before"), p => p?.Status?.Phase == "Running");

        // Past the watch's timeout (5 min): the node watch must have ended and started again from its resourceVersion.
        await fx.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(10));
        await fx.CreatePodAsync(RuntimeFixture.Pod("after", RuntimeFixture.NodeH));
        await fx.EventuallyAsync("pod default/after Running", () => fx.ReadPodAsync("after"), p => p?.Status?.Phase == "Running");
        Assert.Equal("Running", (await fx.ReadPodAsync("before"))?.Status?.Phase);
    }

    [Fact]
    public async Task WatchResumedFromACompactedVersion_GetsGone_ListsAgain_AndKeepsServing()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("early", RuntimeFixture.NodeH));
        await fx.EventuallyAsync("pod default/early Running", () => fx.ReadPodAsync("early"), p => p?.Status?.Phase == "Running");
        var node = fx.Grains.GetGrain<OrleansEci.Grains.Nodes.IVirtualNodeGrain>(RuntimeFixture.NodeH);
        long restartsBefore = (await node.GetState()).WatchRestarts;

        // As etcd compaction does: every version the watch could resume from is gone, so its next watch gets 410.
        fx.Kube.Store.CompleteRestore(fx.Kube.Store.CurrentResourceVersion + 100);
        await fx.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(10));

        var state = await fx.EventuallyAsync($"the watch of {RuntimeFixture.NodeH} to list again after 410 Gone", () => node.GetState(), s => s.WatchRestarts > restartsBefore);
        Assert.True(state.Pods >= 1, $"Expected the re-listed watch to know pod default/early, it knows {state.Pods} pods");
        await fx.CreatePodAsync(RuntimeFixture.Pod("late", RuntimeFixture.NodeH));
        await fx.EventuallyAsync("pod default/late Running after the re-list", () => fx.ReadPodAsync("late"), p => p?.Status?.Phase == "Running");
    }

    [Fact]
    public async Task MountedConfigMapChange_IsSentToEciAsNewFiles()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "site" },
            Data = new Dictionary<string, string> { ["index.html"] = "v1" },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);
        await fx.CreatePodAsync(RuntimeFixture.Pod("mounted", RuntimeFixture.NodeH, configure: p =>
        {
            p.Spec.Volumes = [new V1Volume { Name = "site", ConfigMap = new V1ConfigMapVolumeSource { Name = "site" } }];
            p.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "site", MountPath = "/usr/share/nginx/html" }];
        }));
        await fx.EventuallyAsync("pod default/mounted Running", () => fx.ReadPodAsync("mounted"), p => p?.Status?.Phase == "Running");
        var state = await fx.Grains.GetGrain<IPodGrain>("default/mounted").GetState();
        Assert.Equal("v1", await FileAsync(fx, state.ContainerGroupId!));

        var patch = new V1Patch("""{"data":{"index.html":"v2"}}""", V1Patch.PatchType.MergePatch);
        await fx.Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "site", "default", cancellationToken: TestContext.Current.CancellationToken);
        await fx.EventuallyAsync("the group of default/mounted to carry the ConfigMap's new content", () => FileAsync(fx, state.ContainerGroupId!),
            content => content == "v2", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        Assert.Contains(await fx.EventsAsync("mounted"), e => e.Reason == "Updated");
    }

    private static async Task<string?> FileAsync(RuntimeFixture fx, string groupId)
    {
        var group = (await fx.GroupsAsync())[groupId];
        string? content = group.Volumes.SelectMany(v => v.ConfigFileVolumeConfigFileToPaths).FirstOrDefault(f => f.Path == "index.html")?.Content;
        return content is null ? null : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(content));
    }
}
