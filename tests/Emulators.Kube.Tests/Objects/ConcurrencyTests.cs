using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Objects;

/// <summary>Optimistic concurrency, generateName, generation and no-op writes.</summary>
public sealed class ConcurrencyTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Replace_StaleResourceVersion_Returns409Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        var created = await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c" } }, ns, cancellationToken: ct);
        var stale = await _kube.Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns, cancellationToken: ct);
        created.Data = new Dictionary<string, string> { ["first"] = "1" };
        await _kube.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns, cancellationToken: ct);

        stale.Data = new Dictionary<string, string> { ["second"] = "2" };
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "c", ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Operation cannot be fulfilled on configmaps \\\"c\\\": the object has been modified; please apply your changes to the latest version and try again", error.Response.Content);
    }

    [Fact]
    public async Task Patch_WithStaleResourceVersion_Returns409Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c" } }, ns, cancellationToken: ct);
        var patch = new V1Patch("""{"metadata":{"resourceVersion":"1"},"data":{"a":"b"}}""", V1Patch.PatchType.MergePatch);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "c", ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Create_GenerateName_AppendsFiveRandomCharacters()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        var first = await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { GenerateName = "gen-" } }, ns, cancellationToken: ct);
        var second = await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { GenerateName = "gen-" } }, ns, cancellationToken: ct);
        Assert.Matches("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$", first.Metadata.Name);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }

    [Fact]
    public async Task Replace_SpecChange_BumpsGenerationButMetadataChangeDoesNot()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        var created = await _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web"), ns, cancellationToken: ct);
        Assert.Equal(1, created.Metadata.Generation);

        var labelled = await _kube.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "web", ns, cancellationToken: ct);
        Assert.Equal(1, labelled.Metadata.Generation);

        var scaled = await _kube.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", ns, cancellationToken: ct);
        Assert.Equal(2, scaled.Metadata.Generation);
    }

    [Fact]
    public async Task Patch_NoChange_KeepsResourceVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        var created = await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new() { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns, cancellationToken: ct);
        var patched = await _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch), "c", ns, cancellationToken: ct);
        Assert.Equal(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Patch_ConcurrentWriters_AllLand()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c" } }, ns, cancellationToken: ct);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"k" + i + "\":\"v\"}}", V1Patch.PatchType.MergePatch), "c", ns, cancellationToken: ct)));
        var final = await _kube.Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns, cancellationToken: ct);
        Assert.Equal(40, final.Data.Count);
    }

    [Fact]
    public async Task Create_DryRun_StoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        var answer = await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("dry"), ns, dryRun: "All", cancellationToken: ct);
        Assert.Equal("Pending", answer.Status.Phase);
        Assert.False(string.IsNullOrEmpty(answer.Metadata.Uid), "a dry-run create still answers the object as it would be stored");
        var list = await _kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct);
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task Update_DryRun_LeavesObjectUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("cc");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c" } }, ns, cancellationToken: ct);
        var answer = await _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch), "c", ns, dryRun: "All", cancellationToken: ct);
        Assert.Equal("1", answer.Data["a"]);
        var stored = await _kube.Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns, cancellationToken: ct);
        Assert.Null(stored.Data);
    }
}
