using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Objects;

/// <summary>events.k8s.io/v1 and core/v1 Events are one resource: written through one API, read through the other.</summary>
public sealed class EventsApiTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Create_EventsV1Event_IsVisibleAsCoreEventForDescribe()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("ev");
        await _kube.Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new() { Name = "nginx.1" },
            EventTime = DateTime.UtcNow,
            Regarding = new V1ObjectReference { Kind = "Pod", Name = "nginx", NamespaceProperty = ns, Uid = "u1" },
            Reason = "ProviderCreateSuccess",
            Note = "container group created",
            Type = "Normal",
            Action = "Create",
            ReportingController = "orleans-eci",
            ReportingInstance = "vk-1",
        }, ns, cancellationToken: ct);

        var core = await _kube.Client.CoreV1.ListNamespacedEventAsync(ns,
            fieldSelector: $"involvedObject.name=nginx,involvedObject.namespace={ns},involvedObject.uid=u1", cancellationToken: ct);
        var e = Assert.Single(core.Items);
        Assert.Equal("container group created", e.Message);
        Assert.Equal("orleans-eci", e.ReportingComponent);

        var back = await _kube.Client.EventsV1.ListNamespacedEventAsync(ns, fieldSelector: "regarding.name=nginx", cancellationToken: ct);
        Assert.Equal("container group created", Assert.Single(back.Items).Note);
    }

    [Fact]
    public async Task Create_CoreEvent_IsReadableThroughEventsV1()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("ev");
        await _kube.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new() { Name = "p.1" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "p" },
            Reason = "Pulled",
            Message = "pulled",
            Count = 3,
            Source = new V1EventSource { Component = "kubelet", Host = "n1" },
        }, ns, cancellationToken: ct);
        var read = await _kube.Client.EventsV1.ReadNamespacedEventAsync("p.1", ns, cancellationToken: ct);
        Assert.Equal("pulled", read.Note);
        Assert.Equal(3, read.DeprecatedCount);
        Assert.Equal("kubelet", read.DeprecatedSource.Component);
        Assert.Equal("p", read.Regarding.Name);

        var patched = await _kube.Client.EventsV1.PatchNamespacedEventAsync(
            new V1Patch("""{"note":"pulled again"}""", V1Patch.PatchType.MergePatch), "p.1", ns, cancellationToken: ct);
        Assert.Equal("pulled again", patched.Note);
        Assert.Equal("pulled again", (await _kube.Client.CoreV1.ReadNamespacedEventAsync("p.1", ns, cancellationToken: ct)).Message);
    }

    [Fact]
    public async Task Create_EventsV1WithoutRequiredFields_Returns422()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("ev");
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _kube.Client.EventsV1.CreateNamespacedEventAsync(
            new Eventsv1Event { Metadata = new() { Name = "bare" }, Type = "Normal" }, ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("eventTime: Required value", error.Response.Content);
    }
}
