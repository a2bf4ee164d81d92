using k8s.Models;

using OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

namespace OrleansEci.Emulators.Kube.Tests.Controllers.FakeKubelet;

/// <summary>The simulated kubelet of nodes annotated kwok.x-k8s.io/node=fake: lease, node status, pod status, graceful deletion.</summary>
public sealed class FakeKubeletTests
{
    private static readonly Dictionary<string, string> Fake = new() { [FakeKubeletOptions.NodeAnnotation] = FakeKubeletOptions.NodeAnnotationValue };

    private static Task<ControllerTestServer> StartAsync(Action<Emulators.Kube.Controllers.ControllerOptions>? more = null) =>
        ControllerTestServer.StartAsync(c =>
        {
            c.FakeKubelet.Enabled = true;
            more?.Invoke(c);
        });

    [Fact]
    public async Task FakeNode_Registered_GetsReadyStatusAndARenewedLease()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("regular", annotations: Fake);

        var node = await kube.NodeAsync("regular", n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, "Ready=True");
        var ready = node.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("KubeletReady", "kubelet is posting ready status"), (ready.Reason, ready.Message));
        Assert.Equal(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"], node.Status.Conditions.Select(c => c.Type));
        Assert.Contains(node.Status.Addresses, a => a.Type == "InternalIP");
        Assert.Equal("110", node.Status.Allocatable["pods"].ToString());

        var lease = await kube.LeaseAsync("kube-node-lease", "regular", l => l.Spec.RenewTime is not null, "a renewTime");
        Assert.Equal(("regular", 40), (lease.Spec.HolderIdentity, lease.Spec.LeaseDurationSeconds));
        Assert.Equal("Node", Assert.Single(lease.Metadata.OwnerReferences).Kind);
        var first = lease.Spec.RenewTime!.Value;

        kube.Time.Advance(TimeSpan.FromSeconds(10));
        await kube.LeaseAsync("kube-node-lease", "regular", l => l.Spec.RenewTime > first, "renewed 10 s later");
    }

    [Fact]
    public async Task PodOnFakeNode_Bound_RunsReadyWithAPodIp()
    {
        await using var kube = await StartAsync(c => c.Scheduler.Enabled = true);
        await kube.CreateNodeAsync("regular", annotations: Fake);
        var ns = await kube.NewNamespaceAsync("fk");
        var ct = TestContext.Current.CancellationToken;
        var pod = TestPods.Pod("web");
        pod.Spec.InitContainers = [new V1Container { Name = "init", Image = "busybox:1.36" }];
        await kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: ct);
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("api"), ns, cancellationToken: ct);

        var web = await kube.PodAsync(ns, "web", p => p.Status?.Phase == "Running", "Running");
        var api = await kube.PodAsync(ns, "api", p => p.Status?.Phase == "Running", "Running");
        Assert.Equal("regular", web.Spec.NodeName);
        Assert.StartsWith("10.244.", web.Status.PodIP, StringComparison.Ordinal);
        Assert.NotEqual(web.Status.PodIP, api.Status.PodIP);
        Assert.Equal(web.Status.HostIP, api.Status.HostIP);
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], web.Status.Conditions.Select(c => c.Type));
        Assert.All(web.Status.Conditions, c => Assert.Equal("True", c.Status));
        var container = Assert.Single(web.Status.ContainerStatuses);
        Assert.True(container.Ready && container.Started == true && container.State.Running is not null, "the app container should be running and ready");
        Assert.Equal("Completed", Assert.Single(web.Status.InitContainerStatuses).State.Terminated.Reason);
    }

    [Fact]
    public async Task DeletePod_OnFakeNode_RemovedAfterTheGracePeriod()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("regular", annotations: Fake);
        var ns = await kube.NewNamespaceAsync("fk");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", node: "regular"), ns, cancellationToken: ct);
        await kube.PodAsync(ns, "web", p => p.Status?.Phase == "Running", "Running");

        var deleting = await kube.Client.CoreV1.DeleteNamespacedPodAsync("web", ns, new V1DeleteOptions { GracePeriodSeconds = 20 }, cancellationToken: ct);
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
        kube.Time.Advance(TimeSpan.FromSeconds(19));
        var still = await kube.Client.CoreV1.ReadNamespacedPodAsync("web", ns, cancellationToken: ct);
        Assert.NotNull(still.Metadata.DeletionTimestamp);

        kube.Time.Advance(TimeSpan.FromSeconds(1));
        await kube.PodsAsync(ns, pods => pods.Count == 0, "the pod deleted by the kubelet once its 20 s grace period ended");
    }

    [Fact]
    public async Task DeletePod_TerminationDelayZero_RemovedAtOnce()
    {
        await using var kube = await StartAsync(c => c.FakeKubelet.TerminationDelay = TimeSpan.Zero);
        await kube.CreateNodeAsync("regular", annotations: Fake);
        var ns = await kube.NewNamespaceAsync("fk");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web", node: "regular"), ns, cancellationToken: ct);
        await kube.PodAsync(ns, "web", p => p.Status?.Phase == "Running", "Running");

        await kube.Client.CoreV1.DeleteNamespacedPodAsync("web", ns, cancellationToken: ct);
        await kube.PodsAsync(ns, pods => pods.Count == 0, "the pod deleted at once (TerminationDelay 0)");
    }

    [Fact]
    public async Task JobOwnedPod_OnFakeNode_Succeeds()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("regular", annotations: Fake);
        var ns = await kube.NewNamespaceAsync("fk");
        var pod = TestPods.Pod("task", node: "regular");
        pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = "j", Uid = Guid.NewGuid().ToString(), Controller = true }];
        await kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);

        var done = await kube.PodAsync(ns, "task", p => p.Status?.Phase == "Succeeded", "Succeeded");
        var terminated = Assert.Single(done.Status.ContainerStatuses).State.Terminated;
        Assert.Equal((0, "Completed"), (terminated.ExitCode, terminated.Reason));
        Assert.Contains(done.Status.Conditions, c => c.Type == "Ready" && c.Status == "False" && c.Reason == "PodCompleted");
    }

    [Fact]
    public async Task PodOnOrdinaryNode_LeftToItsKubelet()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("virtual");
        await kube.CreateNodeAsync("regular", annotations: Fake);
        var ns = await kube.NewNamespaceAsync("fk");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("theirs", node: "virtual"), ns, cancellationToken: ct);
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("ours", node: "regular"), ns, cancellationToken: ct);

        // The fake kubelet handles pods in the order they arrive, so once "ours" runs it has passed over "theirs".
        await kube.PodAsync(ns, "ours", p => p.Status?.Phase == "Running", "Running");
        var theirs = await kube.Client.CoreV1.ReadNamespacedPodAsync("theirs", ns, cancellationToken: ct);
        Assert.Equal("Pending", theirs.Status.Phase);
        var leases = await kube.Client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease", cancellationToken: ct);
        Assert.DoesNotContain(leases.Items, l => l.Metadata.Name == "virtual");
    }
}
