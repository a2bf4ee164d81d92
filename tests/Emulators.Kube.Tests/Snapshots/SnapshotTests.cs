using k8s.Models;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Snapshots;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Snapshots;

/// <summary>The snapshot file: a restarted server keeps its objects, and resourceVersions stay monotonic.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"kube-snapshot-{Guid.NewGuid():N}.json");

    [Fact(Timeout = 60_000)]
    public async Task Restart_WithSnapshot_KeepsObjectsUidsVersionsAndAllocations()
    {
        var ct = TestContext.Current.CancellationToken;
        string uid, clusterIp, ns;
        long savedVersion;
        await using (var first = await KubeServer.StartAsync(o => o.Snapshot.Path = _path))
        {
            ns = await first.NewNamespaceAsync("kept");
            uid = (await first.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct)).Metadata.Uid;
            clusterIp = (await first.Client.CoreV1.CreateNamespacedServiceAsync(Service("one"), ns, cancellationToken: ct)).Spec.ClusterIP;
            await first.Client.CoreV1.DeleteNamespacedPodAsync("web", ns, cancellationToken: ct);
            await first.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct);
            uid = (await first.Client.CoreV1.ReadNamespacedPodAsync("web", ns, cancellationToken: ct)).Metadata.Uid;
            savedVersion = first.Server.Store.CurrentResourceVersion;
        }

        Assert.True(File.Exists(_path), $"expected the snapshot at {_path} after shutdown");
        // In-process controllers may have written after the test's last write: the file's version is the reference.
        savedVersion = long.Parse(System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_path, ct))!["resourceVersion"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);
        await using var second = await KubeServer.StartAsync(o => o.Snapshot.Path = _path);

        var pod = await second.Client.CoreV1.ReadNamespacedPodAsync("web", ns, cancellationToken: ct);
        Assert.Equal(uid, pod.Metadata.Uid);
        Assert.True(long.Parse(pod.Metadata.ResourceVersion) <= savedVersion, $"restored version {pod.Metadata.ResourceVersion} should be at most {savedVersion}");
        var next = await second.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("new"), ns, cancellationToken: ct);
        Assert.True(long.Parse(next.Metadata.ResourceVersion) > savedVersion, $"a new write got {next.Metadata.ResourceVersion}, expected above {savedVersion}");
        var other = await second.Client.CoreV1.CreateNamespacedServiceAsync(Service("two"), ns, cancellationToken: ct);
        Assert.NotEqual(clusterIp, other.Spec.ClusterIP);
        Assert.Single((await second.Client.CoreV1.ListNamespaceAsync(fieldSelector: "metadata.name=default", cancellationToken: ct)).Items);
    }

    [Fact(Timeout = 60_000)]
    public async Task Restart_WatchFromBeforeTheSnapshot_Is410SoInformersRelist()
    {
        var ct = TestContext.Current.CancellationToken;
        long before;
        await using (var first = await KubeServer.StartAsync(o => o.Snapshot.Path = _path))
        {
            before = first.Server.Store.CurrentResourceVersion;
            await first.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c" } }, "default", cancellationToken: ct);
        }

        await using var second = await KubeServer.StartAsync(o => o.Snapshot.Path = _path);
        var pods = second.Server.Registry.Get("", "pods");

        var error = Assert.Throws<ApiException>(() => second.Server.Resources.Watch(pods, "default", before, ListOptions.Everything));
        Assert.Equal(410, error.Code);
        using var fromNow = second.Server.Resources.Watch(pods, "default", second.Server.Store.CurrentResourceVersion, ListOptions.Everything);
    }

    [Fact(Timeout = 60_000)]
    public async Task SaveAsync_WritesOnlyWhenSomethingChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kube = await KubeServer.StartAsync(o => o.Snapshot.Path = _path);
        var snapshots = kube.Server.Services.GetRequiredService<SnapshotService>();

        await snapshots.SaveAsync(ct);
        var written = File.GetLastWriteTimeUtc(_path);
        var content = await File.ReadAllTextAsync(_path, ct);
        await snapshots.SaveAsync(ct);

        Assert.Equal(content, await File.ReadAllTextAsync(_path, ct));
        Assert.Equal(written, File.GetLastWriteTimeUtc(_path));
        Assert.Contains("\"kind\":\"KubeStoreSnapshot\"", content, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        File.Delete(_path);
    }

    private static V1Service Service(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
    };
}
