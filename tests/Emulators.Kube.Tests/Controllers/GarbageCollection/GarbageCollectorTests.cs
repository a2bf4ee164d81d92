using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Controllers.Deployments;
using OrleansEci.Emulators.Kube.Tests.Controllers.ReplicaSets;

namespace OrleansEci.Emulators.Kube.Tests.Controllers.GarbageCollection;

/// <summary>ownerReferences cascades: background (default), foreground with blockOwnerDeletion, orphan, and dangling owners.</summary>
public sealed class GarbageCollectorTests
{
    private static Task<ControllerTestServer> StartAsync(bool jobs = false) => ControllerTestServer.StartAsync(c =>
    {
        c.GarbageCollector.Enabled = true;
        c.Deployments.Enabled = true;
        c.ReplicaSets.Enabled = true;
        c.Jobs.Enabled = jobs;
    });

    [Fact]
    public async Task Background_DeleteDeployment_RemovesItsReplicaSetsAndPods()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("gc");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.AppsV1.CreateNamespacedDeploymentAsync(DeploymentControllerTests.Deployment("web", 2), ns, cancellationToken: ct);
        await kube.PodsAsync(ns, p => p.Count == 2, "two pods");

        await kube.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, cancellationToken: ct);

        await kube.ReplicaSetsAsync(ns, r => r.Count == 0, "the ReplicaSet collected");
        await kube.PodsAsync(ns, p => p.Count == 0, "the pods collected");
        Assert.Empty((await kube.Client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct)).Items);
    }

    [Fact]
    public async Task Foreground_DeleteReplicaSet_StaysUntilItsBlockingPodsAreGone()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("gc");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSetControllerTests.ReplicaSet("front", 2), ns, cancellationToken: ct);
        var pods = await kube.PodsAsync(ns, p => p.Count == 2, "two pods");
        foreach (var pod in pods)
        {
            await kube.Client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding { Metadata = new() { Name = pod.Metadata.Name }, Target = new V1ObjectReference { Kind = "Node", Name = "n1" } },
                pod.Metadata.Name, ns, cancellationToken: ct);
        }

        await kube.Client.AppsV1.DeleteNamespacedReplicaSetAsync("front", ns, new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: ct);
        var deleting = await kube.Client.AppsV1.ReadNamespacedReplicaSetAsync("front", ns, cancellationToken: ct);
        Assert.Contains("foregroundDeletion", deleting.Metadata.Finalizers);
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);

        // The bound pods terminate gracefully; the ReplicaSet waits for them.
        var terminating = await kube.PodsAsync(ns, p => p.Count == 2 && p.All(x => x.Metadata.DeletionTimestamp is not null), "both pods terminating");
        Assert.Single((await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct)).Items);

        foreach (var pod in terminating)
        {
            await kube.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, ns, new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } },
                cancellationToken: ct);
        }

        await kube.ReplicaSetsAsync(ns, r => r.Count == 0, "the ReplicaSet removed once its pods are gone");
    }

    [Fact]
    public async Task Orphan_DeleteDeployment_KeepsReplicaSetAndPodsWithoutTheOwner()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("gc");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.AppsV1.CreateNamespacedDeploymentAsync(DeploymentControllerTests.Deployment("web", 2), ns, cancellationToken: ct);
        await kube.PodsAsync(ns, p => p.Count == 2, "two pods");

        await kube.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, new V1DeleteOptions { PropagationPolicy = "Orphan" }, cancellationToken: ct);

        var sets = await kube.ReplicaSetsAsync(ns, r => r.Count == 1 && r[0].Metadata.OwnerReferences is null or { Count: 0 }, "the ReplicaSet kept, without its owner");
        Assert.Empty((await kube.Client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct)).Items);
        var pods = (await kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct)).Items;
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal(sets[0].Metadata.Uid, p.Metadata.OwnerReferences.Single().Uid));
    }

    [Fact]
    public async Task Job_DeletedWithoutPolicy_OrphansItsPodsAsBatchV1Does()
    {
        await using var kube = await StartAsync(jobs: true);
        var ns = await kube.NewNamespaceAsync("gc");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "once" },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] } } },
        }, ns, cancellationToken: ct);
        await kube.PodsAsync(ns, p => p.Count == 1, "the job's pod");

        await kube.Client.BatchV1.DeleteNamespacedJobAsync("once", ns, cancellationToken: ct);

        var pods = await kube.PodsAsync(ns, p => p.Count == 1 && p[0].Metadata.OwnerReferences is null or { Count: 0 } && p[0].Metadata.Finalizers is null or { Count: 0 },
            "the pod kept, without owner or tracking finalizer");
        Assert.Null(pods[0].Metadata.DeletionTimestamp);
        var jobs = await kube.Client.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: ct);
        Assert.Empty(jobs.Items);
    }

    [Fact]
    public async Task DanglingOwner_DependentOfAMissingOwner_IsCollected()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("gc");
        var ct = TestContext.Current.CancellationToken;
        var owner = await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns, cancellationToken: ct);
        await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(Dependent("kept", owner.Metadata.Uid), ns, cancellationToken: ct);
        await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(Dependent("orphaned", Guid.NewGuid().ToString()), ns, cancellationToken: ct);

        var left = await WaitConfigMapsAsync(kube, ns, names => !names.Contains("orphaned"), "the dependent of a missing owner collected");
        Assert.Contains("kept", left);

        await kube.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, cancellationToken: ct);
        await WaitConfigMapsAsync(kube, ns, names => !names.Contains("kept"), "the dependent collected after its owner was deleted");
    }

    private static V1ConfigMap Dependent(string name, string ownerUid) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = ownerUid }],
        },
    };

    private static async Task<List<string>> WaitConfigMapsAsync(ControllerTestServer kube, string ns, Func<List<string>, bool> until, string expectation)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(ControllerTestServer.HangGuard);
        var listed = await kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: guard.Token);
        var names = listed.Items.Select(c => c.Metadata.Name).ToList();
        if (until(names))
        {
            return names;
        }

        await foreach (var (type, map) in kube.Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: listed.Metadata.ResourceVersion, cancellationToken: guard.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                names.Remove(map.Metadata.Name);
            }
            else if (type == WatchEventType.Added)
            {
                names.Add(map.Metadata.Name);
            }

            if (until(names))
            {
                return names;
            }
        }

        Assert.Fail($"Expected {expectation}; the ConfigMaps left are {string.Join(", ", names)}.");
        return names;
    }
}
