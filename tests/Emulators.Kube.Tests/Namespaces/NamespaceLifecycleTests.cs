using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Namespaces;

/// <summary>Namespace creation (default ServiceAccount) and deletion (contents removed, then the namespace).</summary>
public sealed class NamespaceLifecycleTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Create_Namespace_GetsDefaultServiceAccountAndNameLabel()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("nl");
        var read = await _kube.Client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: ct);
        Assert.Equal("Active", read.Status.Phase);
        Assert.Equal(ns, read.Metadata.Labels["kubernetes.io/metadata.name"]);
        var account = await _kube.Client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns, cancellationToken: ct);
        Assert.Equal("default", account.Metadata.Name);
    }

    [Fact]
    public async Task Delete_Namespace_RemovesContentsAndThenItself()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("nl");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c" } }, ns, cancellationToken: ct);
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Empty((await _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: ct)).Items);
    }

    [Fact]
    public async Task Delete_NamespaceWithBoundPod_TerminatesUntilKubeletDeletesPod()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("nl");
        var pod = await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p", node: "vk-1"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: ct);

        var terminating = await _kube.Client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: ct);
        Assert.Equal("Terminating", terminating.Status.Phase);
        var created = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "late" } }, ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, created.Response.StatusCode);
        Assert.Contains("because it is being terminated", created.Response.Content);

        await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns,
            new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken: ct);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.Response.StatusCode);
    }
}
