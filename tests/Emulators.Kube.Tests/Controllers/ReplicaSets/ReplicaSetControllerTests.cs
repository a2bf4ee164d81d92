using k8s;
using k8s.Models;

namespace OrleansEci.Emulators.Kube.Tests.Controllers.ReplicaSets;

/// <summary>The ReplicaSet controller: pods from the template, status, scale-down order, adoption and release.</summary>
public sealed class ReplicaSetControllerTests
{
    private static Task<ControllerTestServer> StartAsync() => ControllerTestServer.StartAsync(c => c.ReplicaSets.Enabled = true);

    [Fact]
    public async Task Create_ReplicaSet_CreatesOwnedPodsAndReportsStatus()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("rs");
        await kube.Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("front", 3), ns, cancellationToken: TestContext.Current.CancellationToken);

        var pods = await kube.PodsAsync(ns, p => p.Count == 3, "three pods");
        Assert.All(pods, p =>
        {
            Assert.Matches("^front-[bcdfghjklmnpqrstvwxz2456789]{5}$", p.Metadata.Name);
            Assert.Equal("front", p.Metadata.Labels["app"]);
            var owner = Assert.Single(p.Metadata.OwnerReferences);
            Assert.Equal(("ReplicaSet", "apps/v1", "front", true, true), (owner.Kind, owner.ApiVersion, owner.Name, owner.Controller, owner.BlockOwnerDeletion));
        });
        var rs = await ReplicaSetAsync(kube, ns, "front", r => r.Status.Replicas == 3 && r.Status.ObservedGeneration == 1, "status.replicas 3 at generation 1");
        Assert.Equal(3, rs.Status.FullyLabeledReplicas);
        Assert.Null(rs.Status.ReadyReplicas);
        var created = await kube.EventAsync(ns, "front", "SuccessfulCreate");
        Assert.StartsWith("Created pod: front-", created.Message, StringComparison.Ordinal);
        Assert.Equal("replicaset-controller", created.Source.Component);
    }

    [Fact]
    public async Task ScaleDown_MixedPods_DeletesUnassignedThenPendingAndKeepsTheReadyOne()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("rs");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("front", 3), ns, cancellationToken: ct);
        var pods = (await kube.PodsAsync(ns, p => p.Count == 3, "three pods")).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();

        // As a scheduler and a kubelet would: two pods bound, one of them running and ready; the third stays unassigned.
        foreach (var pod in pods.Take(2))
        {
            await kube.Client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding { Metadata = new() { Name = pod.Metadata.Name }, Target = new V1ObjectReference { Kind = "Node", Name = "n1" } },
                pod.Metadata.Name, ns, cancellationToken: ct);
        }

        var ready = pods[0].Metadata.Name;
        await MarkReadyAsync(kube, ns, ready);
        await ReplicaSetAsync(kube, ns, "front", r => r.Status.ReadyReplicas == 1, "one ready replica");

        await kube.Client.AppsV1.PatchNamespacedReplicaSetScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "front", ns, cancellationToken: ct);

        // The unassigned pod goes at once; the bound pending one gets a deletionTimestamp (its kubelet finishes it).
        var left = await kube.PodsAsync(ns, p => p.Count(x => x.Metadata.DeletionTimestamp is null) == 1, "one pod not being deleted");
        Assert.Equal(ready, left.Single(p => p.Metadata.DeletionTimestamp is null).Metadata.Name);
        Assert.DoesNotContain(left, p => p.Metadata.Name == pods[2].Metadata.Name);
        var deleted = await kube.EventsAsync(ns, e => e.Count(x => x.Reason == "SuccessfulDelete") == 2, "two SuccessfulDelete events");
        Assert.Contains(deleted, e => e.Message == $"Deleted pod: {pods[2].Metadata.Name}");
        await ReplicaSetAsync(kube, ns, "front", r => r.Status.Replicas == 1 && r.Status.AvailableReplicas == 1, "one replica, available");
    }

    [Fact]
    public async Task Claim_OrphanMatching_IsAdopted_AndRelabelledPodIsReleasedAndReplaced()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("rs");
        var ct = TestContext.Current.CancellationToken;
        var orphan = TestPods.Pod("orphan");
        orphan.Metadata.Labels = new Dictionary<string, string> { ["app"] = "front" };
        await kube.Client.CoreV1.CreateNamespacedPodAsync(orphan, ns, cancellationToken: ct);
        await kube.Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("front", 2), ns, cancellationToken: ct);

        var pods = await kube.PodsAsync(ns, p => p.Count == 2 && p.All(x => x.Metadata.OwnerReferences?.Count == 1), "two owned pods, the orphan among them");
        Assert.Contains(pods, p => p.Metadata.Name == "orphan");

        await kube.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"app":"other"}}}""", V1Patch.PatchType.MergePatch), "orphan", ns, cancellationToken: ct);
        var after = await kube.PodsAsync(ns, p => p.Count == 3 && p.Single(x => x.Metadata.Name == "orphan").Metadata.OwnerReferences is null or { Count: 0 },
            "the relabelled pod released and a replacement created");
        Assert.Equal(2, after.Count(p => p.Metadata.OwnerReferences?.Count == 1));
    }

    internal static V1ReplicaSet ReplicaSet(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }] },
            },
        },
    };

    internal static async Task<V1ReplicaSet> ReplicaSetAsync(ControllerTestServer kube, string ns, string name, Func<V1ReplicaSet, bool> until, string expectation) =>
        (await kube.ReplicaSetsAsync(ns, sets => sets.Any(r => r.Metadata.Name == name && r.Status is not null && until(r)), $"replicaset {name}: {expectation}"))
            .Single(r => r.Metadata.Name == name);

    /// <summary>What a kubelet writes when the pod's containers run and pass readiness.</summary>
    internal static Task MarkReadyAsync(ControllerTestServer kube, string ns, string pod)
    {
        var now = kube.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var patch = $$$"""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"{{{now}}}"}]}}""";
        return kube.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), pod, ns, cancellationToken: TestContext.Current.CancellationToken);
    }
}
