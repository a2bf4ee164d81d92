using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Storage;

/// <summary>limit/continue: consistent pages from one snapshot, 410 Expired when the snapshot is gone.</summary>
public sealed class PaginationTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task List_WithLimit_PagesThroughAConsistentSnapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("page");
        for (var i = 0; i < 7; i++)
        {
            await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = $"c{i}" } }, ns, cancellationToken: ct);
        }

        var first = await _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 3, cancellationToken: ct);
        Assert.Equal(["c0", "c1", "c2"], first.Items.Select(c => c.Metadata.Name));
        Assert.False(string.IsNullOrEmpty(first.Metadata.ContinueProperty), "expected a continue token on a partial page");

        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c9" } }, ns, cancellationToken: ct);
        await _kube.Client.CoreV1.DeleteNamespacedConfigMapAsync("c4", ns, cancellationToken: ct);

        var second = await _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 3, continueParameter: first.Metadata.ContinueProperty, cancellationToken: ct);
        Assert.Equal(["c3", "c4", "c5"], second.Items.Select(c => c.Metadata.Name));
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        var third = await _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 3, continueParameter: second.Metadata.ContinueProperty, cancellationToken: ct);
        Assert.Equal(["c6"], third.Items.Select(c => c.Metadata.Name));
        Assert.Null(third.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task List_ContinueAfterSnapshotExpired_Returns410WithInconsistentToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kube = await KubeServer.StartAsync(o => o.Store.ContinueTokenLifetime = TimeSpan.FromMinutes(5), time);
        for (var i = 0; i < 4; i++)
        {
            await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = $"c{i}" } }, "default", cancellationToken: ct);
        }

        var first = await kube.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, cancellationToken: ct);
        time.Advance(TimeSpan.FromMinutes(6));
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            kube.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: first.Metadata.ContinueProperty, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Gone, error.Response.StatusCode);
        Assert.Contains("The provided continue parameter is too old to display a consistent list result", error.Response.Content);
        var status = System.Text.Json.Nodes.JsonNode.Parse(error.Response.Content)!;
        Assert.Equal("Expired", status["reason"]!.GetValue<string>());

        var rest = await kube.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 10,
            continueParameter: status["metadata"]!["continue"]!.GetValue<string>(), cancellationToken: ct);
        Assert.Equal(["c2", "c3"], rest.Items.Select(c => c.Metadata.Name));
    }

    [Fact]
    public async Task List_GarbageContinueToken_Returns400()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("page");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: "%%%", cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Response.StatusCode);
    }
}
