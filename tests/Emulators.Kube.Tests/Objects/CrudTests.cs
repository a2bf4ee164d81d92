using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Objects;

/// <summary>Create, read, list, replace, patch and delete every registered resource type with the official client.</summary>
public sealed class CrudTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public Task Crud_Pod_RoundTrips() => CrudAsync("", "v1", "pods", Manifests.Pod("web"));

    [Fact]
    public Task Crud_ConfigMap_RoundTrips() => CrudAsync("", "v1", "configmaps",
        new V1ConfigMap { Metadata = new() { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1" } });

    [Fact]
    public Task Crud_Secret_RoundTrips() => CrudAsync("", "v1", "secrets",
        new V1Secret { Metadata = new() { Name = "sec" }, StringData = new Dictionary<string, string> { ["password"] = "hunter2" } });

    [Fact]
    public Task Crud_ServiceAccount_RoundTrips() => CrudAsync("", "v1", "serviceaccounts", new V1ServiceAccount { Metadata = new() { Name = "robot" } });

    [Fact]
    public Task Crud_Service_RoundTrips() => CrudAsync("", "v1", "services", new V1Service
    {
        Metadata = new() { Name = "web" },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = "web" } },
    });

    [Fact]
    public Task Crud_Event_RoundTrips() => CrudAsync("", "v1", "events", new Corev1Event
    {
        Metadata = new() { Name = "web.1" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = "default" },
        Reason = "Pulled",
        Message = "pulled",
        Type = "Normal",
    });

    [Fact]
    public Task Crud_EventsV1Event_RoundTrips() => CrudAsync("events.k8s.io", "v1", "events", new Eventsv1Event
    {
        Metadata = new() { Name = "web.2" },
        EventTime = DateTime.UtcNow,
        Regarding = new V1ObjectReference { Kind = "Pod", Name = "web" },
        Reason = "Started",
        Note = "started",
        Type = "Normal",
        Action = "Start",
        ReportingController = "kubelet",
        ReportingInstance = "node-1",
    });

    [Fact]
    public Task Crud_Lease_RoundTrips() => CrudAsync("coordination.k8s.io", "v1", "leases",
        new V1Lease { Metadata = new() { Name = "node-1" }, Spec = new V1LeaseSpec { HolderIdentity = "node-1", LeaseDurationSeconds = 40 } });

    [Fact]
    public Task Crud_Deployment_RoundTrips() => CrudAsync("apps", "v1", "deployments", Manifests.Deployment("web"));

    [Fact]
    public Task Crud_ReplicaSet_RoundTrips() => CrudAsync("apps", "v1", "replicasets", new V1ReplicaSet
    {
        Metadata = new() { Name = "web-1" },
        Spec = new V1ReplicaSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = Manifests.Deployment("web").Spec.Template,
        },
    });

    [Fact]
    public Task Crud_Job_RoundTrips() => CrudAsync("batch", "v1", "jobs", new V1Job
    {
        Metadata = new() { Name = "once" },
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "app", Image = "busybox:1.36" }] },
            },
        },
    });

    [Fact]
    public Task Crud_Node_RoundTrips() => CrudAsync("", "v1", "nodes",
        new V1Node { Metadata = new() { Name = $"node-{Guid.NewGuid():N}"[..16] }, Spec = new V1NodeSpec { PodCIDR = "10.244.0.0/24" } }, namespaced: false);

    [Fact]
    public Task Crud_Namespace_RoundTrips() => CrudAsync("", "v1", "namespaces",
        new V1Namespace { Metadata = new() { Name = $"crud-{Guid.NewGuid():N}"[..16] } }, namespaced: false);

    [Fact]
    public Task Crud_MutatingWebhookConfiguration_RoundTrips() => CrudAsync("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
        new V1MutatingWebhookConfiguration
        {
            Metadata = new() { Name = $"hook-{Guid.NewGuid():N}"[..16] },
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = "eci.example.com",
                    AdmissionReviewVersions = ["v1"],
                    SideEffects = "None",
                    ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = "https://127.0.0.1:9443/mutate" },
                },
            ],
        }, namespaced: false);

    private async Task CrudAsync<T>(string group, string version, string plural, T obj, bool namespaced = true)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = namespaced ? await _kube.NewNamespaceAsync("crud") : null;
        using var client = new GenericClient(_kube.Client, group, version, plural, disposeClient: false);
        var name = obj.Metadata.Name;

        var created = ns is null ? await client.CreateAsync(obj, ct) : await client.CreateNamespacedAsync(obj, ns, ct);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid), $"{plural}: expected a uid on the created object");
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion), $"{plural}: expected a resourceVersion");
        Assert.NotNull(created.Metadata.CreationTimestamp);

        var read = ns is null ? await client.ReadAsync<T>(name, ct) : await client.ReadNamespacedAsync<T>(ns, name, ct);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);

        read.Metadata.Labels = new Dictionary<string, string> { ["changed"] = "by-replace" };
        var replaced = ns is null ? await client.ReplaceAsync(read, name, ct) : await client.ReplaceNamespacedAsync(read, ns, name, ct);
        Assert.Equal("by-replace", replaced.Metadata.Labels["changed"]);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion),
            $"{plural}: expected the replace to bump resourceVersion past {created.Metadata.ResourceVersion}, got {replaced.Metadata.ResourceVersion}");

        var patch = new V1Patch("""{"metadata":{"annotations":{"patched":"yes"}}}""", V1Patch.PatchType.MergePatch);
        var patched = ns is null ? await client.PatchAsync<T>(patch, name, ct) : await client.PatchNamespacedAsync<T>(patch, ns, name, ct);
        Assert.Equal("yes", patched.Metadata.Annotations["patched"]);
        Assert.Equal("by-replace", patched.Metadata.Labels["changed"]);

        var list = ns is null ? await client.ListAsync<CustomList<T>>(cancel: ct) : await client.ListNamespacedAsync<CustomList<T>>(ns, cancel: ct);
        Assert.Contains(list.Items, i => i.Metadata.Name == name);

        // kube-apiserver answers DELETE with the object for pods, services and namespaces, with a Status otherwise.
        if (plural is "pods" or "services" or "namespaces")
        {
            var deleted = ns is null ? await client.DeleteAsync<T>(name, ct) : await client.DeleteNamespacedAsync<T>(ns, name, ct);
            Assert.Equal(name, deleted.Metadata.Name);
        }
        else
        {
            var status = ns is null ? await client.DeleteAsync<V1Status>(name, ct) : await client.DeleteNamespacedAsync<V1Status>(ns, name, ct);
            Assert.Equal("Success", status.Status);
            Assert.Equal(name, status.Details.Name);
        }

        if (plural == "namespaces")
        {
            return;
        }

        var after = ns is null ? await client.ListAsync<CustomList<T>>(cancel: ct) : await client.ListNamespacedAsync<CustomList<T>>(ns, cancel: ct);
        Assert.DoesNotContain(after.Items, i => i.Metadata.Name == name);
    }

    /// <summary>Any list kind: only items matter here.</summary>
    public sealed class CustomList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
        where T : IKubernetesObject
    {
        public string ApiVersion { get; set; } = "";

        public string Kind { get; set; } = "";

        public V1ListMeta Metadata { get; set; } = new();

        public IList<T> Items { get; set; } = [];
    }
}
