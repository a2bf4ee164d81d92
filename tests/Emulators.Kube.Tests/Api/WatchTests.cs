using k8s.Models;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Api;

/// <summary>Watch semantics with the official client and on the wire (kubectl-wire.md §9).</summary>
public sealed class WatchTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact(Timeout = 30_000)]
    public async Task Watch_FromListVersion_DeliversChangesInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("w");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("before"), ns, cancellationToken: ct);
        var list = await _kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var events = new List<(WatchEventType Type, string Name)>();
        var reading = Task.Run(async () =>
        {
            await foreach (var (type, pod) in _kube.Client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                events.Add((type, pod.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, ct);

        await WaitForWatcherAsync(_kube, "pods", 1);
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "p", ns, cancellationToken: ct);
        await _kube.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, cancellationToken: ct);
        await reading;
        Assert.Equal([(WatchEventType.Added, "p"), (WatchEventType.Modified, "p"), (WatchEventType.Deleted, "p")], events);
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_ResourceVersionZero_StartsWithAddedForExistingObjects()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("w");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "a" } }, ns, cancellationToken: ct);
        using var watch = await RawWatch.OpenAsync(_kube.Http, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion=0", TestContext.Current.CancellationToken);
        var first = await watch.NextAsync();
        Assert.Equal("ADDED", first!["type"]!.GetValue<string>());
        Assert.Equal("a", first["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_ResumeFromVersion_DeliversOnlyLaterEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("w");
        var a = await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "a" } }, ns, cancellationToken: ct);
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "b" } }, ns, cancellationToken: ct);
        using var watch = await RawWatch.OpenAsync(_kube.Http, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={a.Metadata.ResourceVersion}", TestContext.Current.CancellationToken);
        var next = await watch.NextAsync();
        Assert.Equal("ADDED", next!["type"]!.GetValue<string>());
        Assert.Equal("b", next["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_VersionOlderThanWindow_SendsExpiredErrorEventAndEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kube = await KubeServer.StartAsync(o => o.Store.WatchWindow = 3);
        var first = await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c0" } }, "default", cancellationToken: ct);
        for (var i = 1; i < 6; i++)
        {
            await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = $"c{i}" } }, "default", cancellationToken: ct);
        }

        using var watch = await RawWatch.OpenAsync(kube.Http, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={first.Metadata.ResourceVersion}", TestContext.Current.CancellationToken);
        Assert.Equal(200, watch.StatusCode);
        var error = await watch.NextAsync();
        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        var status = error["object"]!;
        Assert.Equal(410, status["code"]!.GetValue<int>());
        Assert.Equal("Expired", status["reason"]!.GetValue<string>());
        Assert.StartsWith($"too old resource version: {first.Metadata.ResourceVersion} (", status["message"]!.GetValue<string>());
        Assert.Null(await watch.NextAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_TooOldWithClient_ReportsStatus410ToOnError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kube = await KubeServer.StartAsync(o => o.Store.WatchWindow = 2);
        var first = await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "c0" } }, "default", cancellationToken: ct);
        for (var i = 1; i < 5; i++)
        {
            await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = $"c{i}" } }, "default", cancellationToken: ct);
        }

        var errors = new List<Exception>();
        await foreach (var item in kube.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: first.Metadata.ResourceVersion,
            onError: errors.Add, cancellationToken: ct))
        {
            Assert.Fail($"expected no events from a watch at an expired version, got {item.Item1}");
        }

        var kubernetesError = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, kubernetesError.Status.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_AllowBookmarks_SendsBookmarkWhenIdle()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kube = await KubeServer.StartAsync(o => o.Api.BookmarkInterval = TimeSpan.FromSeconds(60), time);
        var list = await kube.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: TestContext.Current.CancellationToken);
        using var watch = await RawWatch.OpenAsync(kube.Http, $"/api/v1/namespaces/default/pods?watch=true&allowWatchBookmarks=true&resourceVersion={list.Metadata.ResourceVersion}", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(61));
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", bookmark!["type"]!.GetValue<string>());
        Assert.Equal("Pod", bookmark["object"]!["kind"]!.GetValue<string>());
        Assert.True(long.Parse(bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>()) >= long.Parse(list.Metadata.ResourceVersion),
            $"expected the bookmark's version to be at least the list's {list.Metadata.ResourceVersion}: {bookmark}");
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_TimeoutSeconds_EndsTheStream()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kube = await KubeServer.StartAsync(time: time);
        using var watch = await RawWatch.OpenAsync(kube.Http, "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=30&sendInitialEvents=false",
            TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await watch.NextAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_SendInitialEvents_EndsInitialStateWithAnnotatedBookmark()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("w");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "a" } }, ns, cancellationToken: ct);
        using var watch = await RawWatch.OpenAsync(_kube.Http,
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan", ct);
        Assert.Equal("ADDED", (await watch.NextAsync())!["type"]!.GetValue<string>());
        var end = await watch.NextAsync();
        Assert.Equal("BOOKMARK", end!["type"]!.GetValue<string>());
        Assert.Equal("true", end["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_LabelSelector_ObjectLeavingAndEnteringFilter_GetsDeletedAndAdded()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("w");
        var labelled = new V1ConfigMap { Metadata = new() { Name = "a", Labels = new Dictionary<string, string> { ["app"] = "x" } } };
        var created = await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(labelled, ns, cancellationToken: ct);
        using var watch = await RawWatch.OpenAsync(_kube.Http,
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&labelSelector=app%3Dx&resourceVersion={created.Metadata.ResourceVersion}", ct);
        var left = await _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"app":"y"}}}""", V1Patch.PatchType.MergePatch), "a", ns, cancellationToken: ct);
        await _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"app":"x"}}}""", V1Patch.PatchType.MergePatch), "a", ns, cancellationToken: ct);

        var deleted = await watch.NextAsync();
        Assert.Equal("DELETED", deleted!["type"]!.GetValue<string>());
        Assert.Equal(left.Metadata.ResourceVersion, deleted["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("x", deleted["object"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("ADDED", (await watch.NextAsync())!["type"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_ManyWatchers_EachSeesEveryEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kube = await KubeServer.StartAsync();
        var list = await kube.Client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: ct);
        var watches = new List<RawWatch>();
        for (var i = 0; i < 20; i++)
        {
            watches.Add(await RawWatch.OpenAsync(kube.Http, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={list.Metadata.ResourceVersion}", ct));
        }

        for (var i = 0; i < 50; i++)
        {
            await kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = $"c{i:D2}" } }, "default", cancellationToken: ct);
        }

        foreach (var watch in watches)
        {
            for (var i = 0; i < 50; i++)
            {
                var e = await watch.NextAsync();
                Assert.Equal($"c{i:D2}", e!["object"]!["metadata"]!["name"]!.GetValue<string>());
            }

            watch.Dispose();
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_LegacyWatchPathForOneObject_FiltersByName()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("w");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "a" } }, ns, cancellationToken: ct);
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "b" } }, ns, cancellationToken: ct);
        using var watch = await RawWatch.OpenAsync(_kube.Http, $"/api/v1/watch/namespaces/{ns}/configmaps/b", TestContext.Current.CancellationToken);
        var only = await watch.NextAsync();
        Assert.Equal("b", only!["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    /// <summary>Waits until the store counts the watcher (the subscription exists before the client reads headers).</summary>
    private static async Task WaitForWatcherAsync(KubeServer kube, string plural, int count)
    {
        var type = kube.Server.Registry.Get("", plural);
        while (kube.Server.Store.WatcherCount(type) < count)
        {
            await Task.Yield();
        }
    }
}
