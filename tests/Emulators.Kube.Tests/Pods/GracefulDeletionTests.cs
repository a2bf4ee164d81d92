using System.Net;

using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Pods;

/// <summary>Graceful deletion, binding and eviction of pods, as a kubelet and a scheduler see them.</summary>
public sealed class GracefulDeletionTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Delete_UnboundPod_RemovesItAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("gd");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, cancellationToken: ct);
        Assert.Empty((await _kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct)).Items);
    }

    [Fact]
    public async Task Delete_BoundPod_SetsDeletionTimestampAndStaysUntilKubeletDeletesWithGraceZeroAndUid()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("gd");
        var pod = await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p", node: "vk-1"), ns, cancellationToken: ct);

        var deleting = await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, cancellationToken: ct);
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
        Assert.Equal(30, deleting.Metadata.DeletionGracePeriodSeconds);
        var still = await _kube.Client.CoreV1.ReadNamespacedPodAsync("p", ns, cancellationToken: ct);
        Assert.NotNull(still.Metadata.DeletionTimestamp);

        var wrongUid = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = Guid.NewGuid().ToString() } };
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, wrongUid, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Contains("Precondition failed: UID in precondition", conflict.Response.Content);

        var kubelet = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
        await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, kubelet, cancellationToken: ct);
        Assert.Empty((await _kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct)).Items);
    }

    [Fact]
    public async Task Delete_AgainWithLongerGrace_DoesNotExtendIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("gd");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p", node: "vk-1"), ns, cancellationToken: ct);
        var first = await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, new V1DeleteOptions { GracePeriodSeconds = 10 }, cancellationToken: ct);
        var second = await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, new V1DeleteOptions { GracePeriodSeconds = 60 }, cancellationToken: ct);
        Assert.Equal(10, second.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(first.Metadata.DeletionTimestamp, second.Metadata.DeletionTimestamp);
        var shorter = await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, new V1DeleteOptions { GracePeriodSeconds = 5 }, cancellationToken: ct);
        Assert.Equal(5, shorter.Metadata.DeletionGracePeriodSeconds);
    }

    [Fact]
    public async Task Binding_UnboundPod_SetsNodeAndPodScheduled()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("gd");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), ns, cancellationToken: ct);
        var binding = new V1Binding { Metadata = new() { Name = "p" }, Target = new V1ObjectReference { Kind = "Node", Name = "vk-2" } };
        await _kube.Client.CoreV1.CreateNamespacedPodBindingAsync(binding, "p", ns, cancellationToken: ct);
        var bound = await _kube.Client.CoreV1.ReadNamespacedPodAsync("p", ns, cancellationToken: ct);
        Assert.Equal("vk-2", bound.Spec.NodeName);
        Assert.Contains(bound.Status.Conditions, c => c.Type == "PodScheduled" && c.Status == "True");

        var again = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.CreateNamespacedPodBindingAsync(binding, "p", ns, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Contains("is already assigned to node", again.Response.Content);
    }

    [Fact]
    public async Task Eviction_BoundPod_DeletesGracefully()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("gd");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p", node: "vk-1"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(new V1Eviction { Metadata = new() { Name = "p", NamespaceProperty = ns } }, "p", ns, cancellationToken: ct);
        var evicted = await _kube.Client.CoreV1.ReadNamespacedPodAsync("p", ns, cancellationToken: ct);
        Assert.NotNull(evicted.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task Update_PodSpecOtherThanImage_IsForbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("gd");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), ns, cancellationToken: ct);
        var image = await _kube.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(
            """{"spec":{"containers":[{"name":"app","image":"nginx:1.28"}]}}""", V1Patch.PatchType.StrategicMergePatch), "p", ns, cancellationToken: ct);
        Assert.Equal("nginx:1.28", image.Spec.Containers[0].Image);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(
            """{"spec":{"hostname":"other"}}""", V1Patch.PatchType.MergePatch), "p", ns, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("pod updates may not change fields other than", error.Response.Content);
    }

    [Fact]
    public async Task Create_Pod_GetsTheDefaultsKubeletsRelyOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("gd");
        var pod = await _kube.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new() { Name = "d" },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container { Name = "latest", Image = "nginx", Ports = [new V1ContainerPort { ContainerPort = 80 }] },
                    new V1Container { Name = "tagged", Image = "registry.local:5000/app:1.2" },
                ],
            },
        }, ns, cancellationToken: ct);
        Assert.Equal("Always", pod.Spec.RestartPolicy);
        Assert.Equal("ClusterFirst", pod.Spec.DnsPolicy);
        Assert.Equal("default-scheduler", pod.Spec.SchedulerName);
        Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
        Assert.True(pod.Spec.EnableServiceLinks);
        Assert.Equal(0, pod.Spec.Priority);
        Assert.Equal("default", pod.Spec.ServiceAccountName);
        Assert.Equal("Always", pod.Spec.Containers[0].ImagePullPolicy);
        Assert.Equal("IfNotPresent", pod.Spec.Containers[1].ImagePullPolicy);
        Assert.Equal("/dev/termination-log", pod.Spec.Containers[0].TerminationMessagePath);
        Assert.Equal("File", pod.Spec.Containers[0].TerminationMessagePolicy);
        Assert.Equal("TCP", pod.Spec.Containers[0].Ports[0].Protocol);
        Assert.Contains(pod.Spec.Tolerations, t => t.Key == "node.kubernetes.io/not-ready" && t.TolerationSeconds == 300 && t.Effect == "NoExecute");
        Assert.Contains(pod.Spec.Tolerations, t => t.Key == "node.kubernetes.io/unreachable" && t.TolerationSeconds == 300);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Equal("BestEffort", pod.Status.QosClass);
    }
}
