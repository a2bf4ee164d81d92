using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Selectors;

/// <summary>Label and field selectors on lists, as kubelets and kubectl use them.</summary>
public sealed class SelectorApiTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task List_FieldSelectorNodeNameAndPhase_FiltersPods()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sel");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("a", node: "n1"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("b", node: "n2"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("c"), ns, cancellationToken: ct);

        var onNode = await _kube.Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "spec.nodeName=n1", cancellationToken: ct);
        Assert.Equal(["a"], onNode.Items.Select(p => p.Metadata.Name));
        var unbound = await _kube.Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "spec.nodeName=", cancellationToken: ct);
        Assert.Equal(["c"], unbound.Items.Select(p => p.Metadata.Name));
        var pending = await _kube.Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "status.phase=Pending,metadata.name!=a", cancellationToken: ct);
        Assert.Equal(["b", "c"], pending.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task List_AllNamespacesWithFieldSelectorNamespace_FiltersByNamespace()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sel");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("a"), ns, cancellationToken: ct);
        var all = await _kube.Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns}", cancellationToken: ct);
        Assert.Equal(["a"], all.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task List_EventsByInvolvedObject_AppliesAllTerms()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sel");
        foreach (var (name, uid) in new[] { ("e1", "u1"), ("e2", "u2") })
        {
            await _kube.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new() { Name = name },
                InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "nginx", NamespaceProperty = ns, Uid = uid },
                Reason = "Pulled",
            }, ns, cancellationToken: ct);
        }

        var events = await _kube.Client.CoreV1.ListNamespacedEventAsync(ns,
            fieldSelector: $"involvedObject.name=nginx,involvedObject.namespace={ns},involvedObject.uid=u2", cancellationToken: ct);
        Assert.Equal(["e2"], events.Items.Select(e => e.Metadata.Name));
    }

    [Fact]
    public async Task List_LabelSelectorSetBased_Filters()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sel");
        foreach (var (name, env) in new[] { ("a", "prod"), ("b", "dev"), ("c", "test") })
        {
            await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new() { Name = name, Labels = new Dictionary<string, string> { ["env"] = env } } }, ns, cancellationToken: ct);
        }

        var list = await _kube.Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "env in (prod,test)", cancellationToken: ct);
        Assert.Equal(["a", "c"], list.Items.Select(c => c.Metadata.Name));
    }

    [Fact]
    public async Task List_UnsupportedFieldSelector_Returns400()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sel");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _kube.Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "spec.foo=bar", cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("field label not supported: spec.foo", error.Response.Content);
    }
}
