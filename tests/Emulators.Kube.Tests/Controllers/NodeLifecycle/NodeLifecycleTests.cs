using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Controllers.ReplicaSets;

namespace OrleansEci.Emulators.Kube.Tests.Controllers.NodeLifecycle;

/// <summary>Node health from Lease renewals, condition taints, and taint-based eviction after the pods' toleration seconds.</summary>
public sealed class NodeLifecycleTests
{
    private static Task<ControllerTestServer> StartAsync(bool scheduler = false) => ControllerTestServer.StartAsync(c =>
    {
        c.NodeLifecycle.Enabled = true;
        c.NodeLifecycle.TaintEviction = true;
        c.Scheduler.Enabled = scheduler;
    });

    [Fact]
    public async Task LeaseNotRenewed_NodeUnknownTaintedThenPodsEvictedAfterTheirTolerationSeconds()
    {
        await using var kube = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await kube.CreateNodeAsync("vk-1");
        await RenewLeaseAsync(kube, "vk-1");
        var ns = await kube.NewNamespaceAsync("nl");
        var quick = TestPods.Pod("quick", node: "vk-1");
        quick.Spec.Tolerations = [new V1Toleration { Key = "node.kubernetes.io/unreachable", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 60 }];
        var forever = TestPods.Pod("forever", node: "vk-1");
        forever.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Exists" }];
        foreach (var pod in new[] { TestPods.Pod("default", node: "vk-1"), quick, forever })
        {
            await kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: ct);
            await ReplicaSetControllerTests.MarkReadyAsync(kube, ns, pod.Metadata.Name);
        }

        kube.Time.Advance(TimeSpan.FromSeconds(41));
        var node = await kube.NodeAsync("vk-1", n => n.Spec.Taints?.Any(t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoExecute") == true, "the unreachable NoExecute taint");
        var ready = node.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (ready.Status, ready.Reason, ready.Message));
        Assert.All(node.Status.Conditions, c => Assert.Equal("Unknown", c.Status));
        Assert.Contains(node.Spec.Taints, t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoSchedule");
        var pods = await kube.PodsAsync(ns, p => p.All(x => x.Status.Conditions.Single(c => c.Type == "Ready").Status == "False"), "every pod marked not ready");
        Assert.Equal(3, pods.Count);
        Assert.Equal("Node is not ready", (await kube.EventAsync(ns, "default", "NodeNotReady")).Message);

        kube.Time.Advance(TimeSpan.FromSeconds(60));
        var evicted = await kube.PodAsync(ns, "quick", p => p.Metadata.DeletionTimestamp is not null, "deleted 60 s after the taint");
        Assert.Contains(evicted.Status.Conditions, c => c.Type == "DisruptionTarget" && c.Reason == "DeletionByTaintManager");
        Assert.Equal($"Marking for deletion Pod {ns}/quick", (await kube.EventAsync(ns, "quick", "TaintManagerEviction")).Message);
        Assert.Null((await kube.Client.CoreV1.ReadNamespacedPodAsync("default", ns, cancellationToken: ct)).Metadata.DeletionTimestamp);

        kube.Time.Advance(TimeSpan.FromSeconds(240));
        await kube.PodAsync(ns, "default", p => p.Metadata.DeletionTimestamp is not null, "deleted after the default 300 s toleration");
        Assert.Null((await kube.Client.CoreV1.ReadNamespacedPodAsync("forever", ns, cancellationToken: ct)).Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task KubeletReturns_LeaseRenewedAndReady_TaintsRemoved()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("vk-1");
        await RenewLeaseAsync(kube, "vk-1");
        kube.Time.Advance(TimeSpan.FromSeconds(41));
        await kube.NodeAsync("vk-1", n => n.Spec.Taints?.Count == 2, "the two unreachable taints");

        // The kubelet comes back: it renews its Lease and posts Ready again.
        await RenewLeaseAsync(kube, "vk-1");
        var now = kube.Time.GetUtcNow().UtcDateTime;
        var patch = new V1Patch(KubernetesJson.Serialize(new { status = new { conditions = new[] { new { type = "Ready", status = "True", reason = "KubeletReady", lastHeartbeatTime = now, lastTransitionTime = now } } } }),
            V1Patch.PatchType.StrategicMergePatch);
        await kube.Client.CoreV1.PatchNodeStatusAsync(patch, "vk-1", cancellationToken: TestContext.Current.CancellationToken);

        await kube.NodeAsync("vk-1", n => n.Spec.Taints is null or { Count: 0 }, "no taints once the node is Ready again");
    }

    [Fact]
    public async Task NodeNotReady_TaintedNotReady_SchedulerSaysSo()
    {
        await using var kube = await StartAsync(scheduler: true);
        await kube.CreateNodeAsync("sick", ready: false);
        await kube.NodeAsync("sick", n => n.Spec.Taints?.Any(t => t.Key == "node.kubernetes.io/not-ready" && t.Effect == "NoSchedule") == true, "the not-ready NoSchedule taint");
        var ns = await kube.NewNamespaceAsync("nl");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("p"), ns, cancellationToken: TestContext.Current.CancellationToken);

        var failed = await kube.EventAsync(ns, "p", "FailedScheduling");
        Assert.Equal("0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. "
            + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", failed.Message);
    }

    [Fact]
    public async Task NodeNeverPostedStatus_UnknownAfterStartupGrace()
    {
        await using var kube = await StartAsync();
        await kube.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "silent" } }, cancellationToken: TestContext.Current.CancellationToken);

        kube.Time.Advance(TimeSpan.FromSeconds(61));
        var node = await kube.NodeAsync("silent", n => n.Status?.Conditions?.Any(c => c.Type == "Ready") == true, "a Ready condition");
        var ready = node.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("Unknown", "NodeStatusNeverUpdated", "Kubelet never posted node status."), (ready.Status, ready.Reason, ready.Message));
        Assert.Equal(["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"], node.Status.Conditions.Select(c => c.Type));
    }

    /// <summary>What a kubelet's lease controller does: create or renew kube-node-lease/&lt;node&gt; with renewTime now.</summary>
    private static async Task RenewLeaseAsync(ControllerTestServer kube, string node)
    {
        var ct = TestContext.Current.CancellationToken;
        var now = kube.Time.GetUtcNow().UtcDateTime;
        var leases = await kube.Client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease", cancellationToken: ct);
        if (leases.Items.FirstOrDefault(l => l.Metadata.Name == node) is { } lease)
        {
            lease.Spec.RenewTime = now;
            await kube.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, node, "kube-node-lease", cancellationToken: ct);
            return;
        }

        await kube.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = node },
            Spec = new V1LeaseSpec { HolderIdentity = node, LeaseDurationSeconds = 40, RenewTime = now },
        }, "kube-node-lease", cancellationToken: ct);
    }
}
