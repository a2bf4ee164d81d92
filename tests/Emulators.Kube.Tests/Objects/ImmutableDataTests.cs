using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Objects;

public sealed class ImmutableDataTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Patch_ImmutableConfigMapData_Returns422Forbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("imm");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new() { Name = "frozen" },
            Immutable = true,
            Data = new Dictionary<string, string> { ["a"] = "1" },
        }, ns, cancellationToken: ct);
        var labelled = await _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"metadata":{"labels":{"ok":"yes"}}}""", V1Patch.PatchType.MergePatch), "frozen", ns, cancellationToken: ct);
        Assert.Equal("yes", labelled.Metadata.Labels["ok"]);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "frozen", ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("data: Forbidden: field is immutable when `immutable` is set", error.Response.Content);
    }

    [Fact]
    public async Task Patch_SecretType_Returns422()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("imm");
        await _kube.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new() { Name = "s" } }, ns, cancellationToken: ct);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"type":"kubernetes.io/tls"}""", V1Patch.PatchType.MergePatch), "s", ns, cancellationToken: ct));
        Assert.Contains("type: Invalid value", error.Response.Content);
    }
}
