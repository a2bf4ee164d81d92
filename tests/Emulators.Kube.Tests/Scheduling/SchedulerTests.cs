using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Controllers;

namespace OrleansEci.Emulators.Kube.Tests.Scheduling;

/// <summary>The scheduler's decisions and its FailedScheduling messages, checked through the API as kubectl describe shows them.</summary>
public sealed class SchedulerTests
{
    private static Task<ControllerTestServer> StartAsync() => ControllerTestServer.StartAsync(c => c.Scheduler.Enabled = true);

    [Fact]
    public async Task Schedule_PendingPod_BindsToTheNodeAndRecordsScheduled()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("n1");
        var ns = await kube.NewNamespaceAsync("sch");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), ns, cancellationToken: TestContext.Current.CancellationToken);

        var pod = await kube.PodAsync(ns, "web", p => p.Spec.NodeName == "n1", "bound to n1");
        Assert.Contains(pod.Status.Conditions, c => c.Type == "PodScheduled" && c.Status == "True");
        var scheduled = await kube.EventAsync(ns, "web", "Scheduled");
        Assert.Equal($"Successfully assigned {ns}/web to n1", scheduled.Message);
        Assert.Equal("default-scheduler", scheduled.Source.Component);
        Assert.Equal("Normal", scheduled.Type);
    }

    [Fact]
    public async Task Schedule_TaintAndInsufficientCpu_RecordsKubeSchedulerMessage()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("n1", taints: [new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }]);
        await kube.CreateNodeAsync("n2", cpu: "1");
        await kube.CreateNodeAsync("n3", cpu: "1");
        var ns = await kube.NewNamespaceAsync("sch");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("big", cpu: "2"), ns, cancellationToken: TestContext.Current.CancellationToken);

        const string Expected = "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. "
            + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
        var failed = await kube.EventAsync(ns, "big", "FailedScheduling");
        Assert.Equal(Expected, failed.Message);
        Assert.Equal("Warning", failed.Type);
        var pod = await kube.PodAsync(ns, "big", p => p.Status.Conditions?.Any(c => c.Type == "PodScheduled") == true, "a PodScheduled condition");
        var condition = pod.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable", Expected), (condition.Status, condition.Reason, condition.Message));
        Assert.Null(pod.Spec.NodeName);
    }

    [Fact]
    public async Task Schedule_EveryResourceShort_NamesEachResource()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("n1", cpu: "1", memory: "1Gi", extra: new Dictionary<string, string> { ["ephemeral-storage"] = "1Gi" });
        var ns = await kube.NewNamespaceAsync("sch");
        var pod = TestPods.Pod("greedy", cpu: "500m", memory: "2Gi");
        pod.Spec.Containers[0].Resources.Requests["ephemeral-storage"] = new ResourceQuantity("2Gi");
        pod.Spec.Containers[0].Resources.Requests["example.com/gpu"] = new ResourceQuantity("1");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);

        var failed = await kube.EventAsync(ns, "greedy", "FailedScheduling");
        Assert.Equal("0/1 nodes are available: 1 Insufficient ephemeral-storage, 1 Insufficient example.com/gpu, 1 Insufficient memory. "
            + "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", failed.Message);
    }

    [Fact]
    public async Task Schedule_NodeSelectorAndRequiredAffinity_PicksTheOnlyMatchingNode()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("a", labels: new Dictionary<string, string> { ["zone"] = "z1", ["disk"] = "ssd", ["gen"] = "3" });
        await kube.CreateNodeAsync("b", labels: new Dictionary<string, string> { ["zone"] = "z2", ["disk"] = "ssd", ["gen"] = "5" });
        await kube.CreateNodeAsync("c", labels: new Dictionary<string, string> { ["zone"] = "z2", ["disk"] = "hdd", ["gen"] = "5", ["spot"] = "yes" });
        await kube.CreateNodeAsync("d", labels: new Dictionary<string, string> { ["zone"] = "z2", ["disk"] = "ssd", ["gen"] = "4" });
        var ns = await kube.NewNamespaceAsync("sch");
        var pod = TestPods.Pod("picky");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["zone"] = "z2" };
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = TestPods.Required(
                [
                    TestPods.Term(
                    [
                        TestPods.Requirement("disk", "In", "ssd", "nvme"),
                        TestPods.Requirement("spot", "DoesNotExist"),
                        TestPods.Requirement("gen", "Gt", "4"),
                        TestPods.Requirement("zone", "NotIn", "z3"),
                        TestPods.Requirement("gen", "Exists"),
                    ]),
                ]),
            },
        };
        await kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);

        await kube.PodAsync(ns, "picky", p => p.Spec.NodeName == "b", "bound to b, the only node matching the selector and every expression");
    }

    [Fact]
    public async Task Schedule_MatchFieldsOnName_NoMatch_SaysAffinitySelector()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("a");
        await kube.CreateNodeAsync("b");
        var ns = await kube.NewNamespaceAsync("sch");
        var pod = TestPods.Pod("named");
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = TestPods.Required(
                [
                    TestPods.FieldTerm(TestPods.Requirement("metadata.name", "In", "b")),
                ]),
            },
        };
        var lost = TestPods.Pod("lost");
        lost.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = TestPods.Required(
                [
                    TestPods.FieldTerm(TestPods.Requirement("metadata.name", "In", "z")),
                ]),
            },
        };
        await kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);
        await kube.Client.CoreV1.CreateNamespacedPodAsync(lost, ns, cancellationToken: TestContext.Current.CancellationToken);

        await kube.PodAsync(ns, "named", p => p.Spec.NodeName == "b", "bound to b by matchFields metadata.name");
        var failed = await kube.EventAsync(ns, "lost", "FailedScheduling");
        Assert.Equal("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.", failed.Message);
    }

    [Fact]
    public async Task Schedule_Tolerations_NoScheduleToleratedAndPreferNoScheduleAvoided()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("tainted", taints: [new V1Taint { Key = "dedicated", Value = "batch", Effect = "NoSchedule" }]);
        await kube.CreateNodeAsync("soft", taints: [new V1Taint { Key = "spot", Effect = "PreferNoSchedule" }]);
        var ns = await kube.NewNamespaceAsync("sch");
        var tolerant = TestPods.Pod("tolerant");
        tolerant.Spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "batch", Effect = "NoSchedule" }];
        await kube.Client.CoreV1.CreateNamespacedPodAsync(tolerant, ns, cancellationToken: TestContext.Current.CancellationToken);

        // Both nodes fit; the PreferNoSchedule taint the pod does not tolerate loses it the TaintToleration score.
        await kube.PodAsync(ns, "tolerant", p => p.Spec.NodeName == "tainted", "on the node whose NoSchedule taint it tolerates, not the PreferNoSchedule one");

        var plain = TestPods.Pod("plain");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(plain, ns, cancellationToken: TestContext.Current.CancellationToken);
        await kube.PodAsync(ns, "plain", p => p.Spec.NodeName == "soft", "on the PreferNoSchedule node (a preference, not a filter)");
    }

    [Fact]
    public async Task Schedule_PreferredAffinity_PicksTheHeavierTerm()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("light", labels: new Dictionary<string, string> { ["tier"] = "cheap" });
        await kube.CreateNodeAsync("heavy", labels: new Dictionary<string, string> { ["tier"] = "fast" });
        await kube.CreateNodeAsync("none");
        var ns = await kube.NewNamespaceAsync("sch");
        var pod = TestPods.Pod("pref");
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm { Preference = TestPods.Term(TestPods.Requirement("tier", "In", "cheap")), Weight = 10 },
                    new V1PreferredSchedulingTerm { Preference = TestPods.Term(TestPods.Requirement("tier", "In", "fast")), Weight = 80 },
                ],
            },
        };
        await kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);

        await kube.PodAsync(ns, "pref", p => p.Spec.NodeName == "heavy", "on the node matching the weight-80 preference");
    }

    [Fact]
    public async Task Schedule_CordonedNode_SaysUnschedulable()
    {
        await using var kube = await StartAsync();
        var node = await kube.CreateNodeAsync("cordoned");
        await kube.Client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.MergePatch), "cordoned",
            cancellationToken: TestContext.Current.CancellationToken);
        var ns = await kube.NewNamespaceAsync("sch");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("p"), ns, cancellationToken: TestContext.Current.CancellationToken);

        var failed = await kube.EventAsync(ns, "p", "FailedScheduling");
        Assert.Equal("0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            failed.Message);

        // Uncordoning is a node change that matters: the pod is retried and bound.
        await kube.Client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":false}}""", V1Patch.PatchType.MergePatch), node.Metadata.Name,
            cancellationToken: TestContext.Current.CancellationToken);
        await kube.PodAsync(ns, "p", p => p.Spec.NodeName == "cordoned", "bound once the node is uncordoned");
    }

    [Fact]
    public async Task Schedule_RequestsCountPodsAlreadyBound_RetriedWhenOneLeaves()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("n1", cpu: "2", memory: "4Gi");
        var ns = await kube.NewNamespaceAsync("sch");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("first", cpu: "1500m", node: "n1"), ns, cancellationToken: ct);
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("second", cpu: "1"), ns, cancellationToken: ct);

        var failed = await kube.EventAsync(ns, "second", "FailedScheduling");
        Assert.StartsWith("0/1 nodes are available: 1 Insufficient cpu.", failed.Message, StringComparison.Ordinal);

        // The kubelet's final delete frees the CPU; the scheduler retries on that change.
        await kube.Client.CoreV1.DeleteNamespacedPodAsync("first", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: ct);
        await kube.PodAsync(ns, "second", p => p.Spec.NodeName == "n1", "bound once the first pod left");
    }

    [Fact]
    public async Task Schedule_AllocatablePods_SaysTooManyPods()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("tiny", pods: "1");
        var ns = await kube.NewNamespaceAsync("sch");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("one"), ns, cancellationToken: ct);
        await kube.PodAsync(ns, "one", p => p.Spec.NodeName == "tiny", "bound");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("two"), ns, cancellationToken: ct);

        var failed = await kube.EventAsync(ns, "two", "FailedScheduling");
        Assert.Equal("0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", failed.Message);
    }

    [Fact]
    public async Task Schedule_NoNodes_SaysSoAndBindsWhenANodeJoins()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("sch");
        var never = TestPods.Pod("never");
        never.Spec.PreemptionPolicy = "Never";
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("early"), ns, cancellationToken: TestContext.Current.CancellationToken);

        var failed = await kube.EventAsync(ns, "early", "FailedScheduling");
        Assert.Equal("no nodes available to schedule pods", failed.Message);

        await kube.CreateNodeAsync("late", cpu: "1");
        await kube.PodAsync(ns, "early", p => p.Spec.NodeName == "late", "bound once a node joined");

        never.Spec.Containers[0].Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2") } };
        await kube.Client.CoreV1.CreateNamespacedPodAsync(never, ns, cancellationToken: TestContext.Current.CancellationToken);
        var notEligible = await kube.EventAsync(ns, "never", "FailedScheduling");
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.", notEligible.Message);
    }

    [Fact]
    public async Task Schedule_NodeNameOrOtherScheduler_LeftAlone()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("n1");
        var ns = await kube.NewNamespaceAsync("sch");
        var ct = TestContext.Current.CancellationToken;
        var other = TestPods.Pod("other");
        other.Spec.SchedulerName = "my-scheduler";
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("pinned", node: "elsewhere"), ns, cancellationToken: ct);
        await kube.Client.CoreV1.CreateNamespacedPodAsync(other, ns, cancellationToken: ct);
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("mine"), ns, cancellationToken: ct);

        // The scheduler handles pods in the order they arrive, so once "mine" is bound it has seen the other two.
        await kube.PodAsync(ns, "mine", p => p.Spec.NodeName == "n1", "bound");
        var pinned = await kube.Client.CoreV1.ReadNamespacedPodAsync("pinned", ns, cancellationToken: ct);
        var ignored = await kube.Client.CoreV1.ReadNamespacedPodAsync("other", ns, cancellationToken: ct);
        Assert.Equal("elsewhere", pinned.Spec.NodeName);
        Assert.Null(ignored.Spec.NodeName);
        Assert.DoesNotContain(ignored.Status.Conditions ?? [], c => c.Type == "PodScheduled");
        var events = await kube.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
        Assert.DoesNotContain(events.Items, e => e.InvolvedObject.Name is "pinned" or "other");
    }

    [Fact]
    public async Task Schedule_RepeatedFailure_CountsOnOneEvent()
    {
        await using var kube = await StartAsync();
        await kube.CreateNodeAsync("small", cpu: "1");
        var ns = await kube.NewNamespaceAsync("sch");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("huge", cpu: "8"), ns, cancellationToken: TestContext.Current.CancellationToken);
        await kube.EventAsync(ns, "huge", "FailedScheduling");

        // A node change that matters (a label) retries the pod; it still does not fit, so the same event counts twice.
        await kube.Client.CoreV1.PatchNodeAsync(new V1Patch("""{"metadata":{"labels":{"size":"small"}}}""", V1Patch.PatchType.MergePatch), "small",
            cancellationToken: TestContext.Current.CancellationToken);
        var events = await kube.EventsAsync(ns, list => list.Any(e => e.Reason == "FailedScheduling" && e.Count == 2), "the FailedScheduling event with count 2");
        var failed = Assert.Single(events, e => e.Reason == "FailedScheduling");
        Assert.StartsWith("0/1 nodes are available: 1 Insufficient cpu.", failed.Message, StringComparison.Ordinal);
    }
}
