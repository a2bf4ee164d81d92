using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Objects;

/// <summary>Objects with finalizers stay (with a deletionTimestamp) until the last finalizer is removed.</summary>
public sealed class FinalizerTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Delete_WithFinalizer_KeepsObjectUntilFinalizerRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("fin");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new() { Name = "c", Finalizers = ["example.com/cleanup"] } }, ns, cancellationToken: ct);
        await _kube.Client.CoreV1.DeleteNamespacedConfigMapAsync("c", ns, cancellationToken: ct);
        var pending = await _kube.Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns, cancellationToken: ct);
        Assert.NotNull(pending.Metadata.DeletionTimestamp);
        Assert.Equal(0, pending.Metadata.DeletionGracePeriodSeconds);

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"metadata":{"finalizers":["example.com/cleanup","example.com/another"]}}""", V1Patch.PatchType.MergePatch), "c", ns, cancellationToken: ct));
        Assert.Contains("no new finalizers can be added if the object is being deleted", error.Response.Content);

        await _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "c", ns, cancellationToken: ct);
        Assert.Empty((await _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: ct)).Items);
    }

    [Fact]
    public async Task Delete_WithResourceVersionPrecondition_Stale_Returns409()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("fin");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c" } }, ns, cancellationToken: ct);
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "1" } };
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            _kube.Client.CoreV1.DeleteNamespacedConfigMapAsync("c", ns, options, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Precondition failed: ResourceVersion in precondition: 1", error.Response.Content);
    }

    [Fact]
    public async Task Delete_PropagationPolicyForeground_IsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("fin");
        await _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web"), ns, cancellationToken: ct);
        var status = await _kube.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, propagationPolicy: "Foreground", cancellationToken: ct);
        Assert.Equal("Success", status.Status);
    }

    [Fact]
    public async Task DeleteCollection_WithLabelSelector_DeletesOnlyMatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("fin");
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "web"), ("c", "db") })
        {
            await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new() { Name = name, Labels = new Dictionary<string, string> { ["tier"] = tier } } }, ns, cancellationToken: ct);
        }

        await _kube.Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns, labelSelector: "tier=web", cancellationToken: ct);
        var left = await _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: ct);
        Assert.Equal(["c"], left.Items.Select(i => i.Metadata.Name));
    }
}
