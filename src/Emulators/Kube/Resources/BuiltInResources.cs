using k8s.Models;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Apps;
using OrleansEci.Emulators.Kube.Batch;
using OrleansEci.Emulators.Kube.ConfigMaps;
using OrleansEci.Emulators.Kube.Events;
using OrleansEci.Emulators.Kube.Namespaces;
using OrleansEci.Emulators.Kube.Pods;
using OrleansEci.Emulators.Kube.Policy;
using OrleansEci.Emulators.Kube.Secrets;
using OrleansEci.Emulators.Kube.Services;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>
/// The built-in resource types, with the names, short names, categories, verbs and subresources kube-apiserver 1.32
/// advertises (see <c>kubectl api-resources -o wide</c>), and the field selectors it supports
/// (pkg/registry/*/strategy.go ToSelectableFields / GetAttrs).
/// </summary>
public sealed class BuiltInResources : IResourceTypeSource
{
    private readonly ClusterIpAllocator _allocator;

    public BuiltInResources(ClusterIpAllocator allocator)
    {
        _allocator = allocator;
    }

    public void Register(ResourceRegistry registry)
    {
        RegisterCore(registry);
        registry.Add(new ResourceTypeBuilder("apps", "v1", "deployments", "Deployment", true).WithModel<V1Deployment>()
            .WithShortNames("deploy").WithCategories("all").WithGeneration().WithStrategy(new DeploymentStrategy())
            .WithSubresource(StatusSubresource.For("Deployment")).WithSubresource(ScaleSubresource.Type).Build());
        registry.Add(new ResourceTypeBuilder("apps", "v1", "replicasets", "ReplicaSet", true).WithModel<V1ReplicaSet>()
            .WithShortNames("rs").WithCategories("all").WithGeneration().WithStrategy(new ReplicaSetStrategy())
            .WithFieldSelector("status.replicas", FieldPath.Of("status", "replicas"))
            .WithSubresource(StatusSubresource.For("ReplicaSet")).WithSubresource(ScaleSubresource.Type).Build());
        registry.Add(new ResourceTypeBuilder("batch", "v1", "jobs", "Job", true).WithModel<V1Job>()
            .WithCategories("all").WithGeneration().WithStrategy(new JobStrategy())
            .WithFieldSelector("status.successful", FieldPath.Of("status", "successful"))
            .WithSubresource(StatusSubresource.For("Job")).Build());
        registry.Add(new ResourceTypeBuilder("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true).WithModel<V1PodDisruptionBudget>()
            .WithShortNames("pdb").WithGeneration().WithStrategy(new PodDisruptionBudgetStrategy())
            .WithSubresource(StatusSubresource.For("PodDisruptionBudget")).Build());
        registry.Add(new ResourceTypeBuilder("coordination.k8s.io", "v1", "leases", "Lease", true).WithModel<V1Lease>().Build());
        registry.Add(new ResourceTypeBuilder("events.k8s.io", "v1", "events", "Event", true).WithModel<Eventsv1Event>()
            .WithShortNames("ev").WithHandler(new EventsV1Handler()).Build());
        registry.Add(new ResourceTypeBuilder("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false)
            .WithModel<V1MutatingWebhookConfiguration>().WithCategories("api-extensions").WithGeneration()
            .WithStrategy(new MutatingWebhookConfigurationStrategy()).Build());
    }

    private void RegisterCore(ResourceRegistry registry)
    {
        registry.Add(new ResourceTypeBuilder("", "v1", "namespaces", "Namespace", false).WithModel<V1Namespace>()
            .WithShortNames("ns").WithStrategy(new NamespaceStrategy()).WithDeletedObjectReturned()
            .WithVerbs("create", "delete", "get", "list", "patch", "update", "watch")
            .WithFieldSelector("status.phase", FieldPath.Of("status", "phase"))
            .WithSubresource(StatusSubresource.For("Namespace")).Build());
        registry.Add(new ResourceTypeBuilder("", "v1", "pods", "Pod", true).WithModel<V1Pod>()
            .WithShortNames("po").WithCategories("all").WithGeneration().WithStrategy(new PodStrategy()).WithDeletedObjectReturned()
            .WithFieldSelector("spec.nodeName", FieldPath.Of("spec", "nodeName"))
            .WithFieldSelector("spec.restartPolicy", FieldPath.Of("spec", "restartPolicy"))
            .WithFieldSelector("spec.schedulerName", FieldPath.Of("spec", "schedulerName"))
            .WithFieldSelector("spec.serviceAccountName", FieldPath.Of("spec", "serviceAccountName"))
            .WithFieldSelector("spec.hostNetwork", FieldPath.Bool("spec", "hostNetwork"))
            .WithFieldSelector("status.phase", FieldPath.Of("status", "phase"))
            .WithFieldSelector("status.podIP", FieldPath.Of("status", "podIP"))
            .WithFieldSelector("status.nominatedNodeName", FieldPath.Of("status", "nominatedNodeName"))
            .WithSubresource(StatusSubresource.For("Pod")).WithSubresource(BindingSubresource.Type).WithSubresource(EvictionSubresource.Type).Build());
        registry.Add(new ResourceTypeBuilder("", "v1", "nodes", "Node", false).WithModel<V1Node>()
            .WithShortNames("no").WithFieldSelector("spec.unschedulable", FieldPath.Bool("spec", "unschedulable"))
            .WithSubresource(StatusSubresource.For("Node")).Build());
        registry.Add(new ResourceTypeBuilder("", "v1", "events", "Event", true).WithModel<Corev1Event>()
            .WithShortNames("ev").WithCreateOnUpdate()
            .WithFieldSelector("involvedObject.kind", FieldPath.Of("involvedObject", "kind"))
            .WithFieldSelector("involvedObject.namespace", FieldPath.Of("involvedObject", "namespace"))
            .WithFieldSelector("involvedObject.name", FieldPath.Of("involvedObject", "name"))
            .WithFieldSelector("involvedObject.uid", FieldPath.Of("involvedObject", "uid"))
            .WithFieldSelector("involvedObject.apiVersion", FieldPath.Of("involvedObject", "apiVersion"))
            .WithFieldSelector("involvedObject.resourceVersion", FieldPath.Of("involvedObject", "resourceVersion"))
            .WithFieldSelector("involvedObject.fieldPath", FieldPath.Of("involvedObject", "fieldPath"))
            .WithFieldSelector("reason", FieldPath.Of("reason"))
            .WithFieldSelector("reportingComponent", FieldPath.Of("reportingComponent"))
            .WithFieldSelector("source", FieldPath.Of("source", "component"))
            .WithFieldSelector("type", FieldPath.Of("type")).Build());
        registry.Add(new ResourceTypeBuilder("", "v1", "configmaps", "ConfigMap", true).WithModel<V1ConfigMap>().WithShortNames("cm")
            .WithStrategy(new ConfigMapStrategy()).Build());
        registry.Add(new ResourceTypeBuilder("", "v1", "secrets", "Secret", true).WithModel<V1Secret>().WithStrategy(new SecretStrategy())
            .WithFieldSelector("type", FieldPath.Of("type")).Build());
        registry.Add(new ResourceTypeBuilder("", "v1", "serviceaccounts", "ServiceAccount", true).WithModel<V1ServiceAccount>().WithShortNames("sa").Build());
        registry.Add(new ResourceTypeBuilder("", "v1", "services", "Service", true).WithModel<V1Service>()
            .WithShortNames("svc").WithCategories("all").WithCreateOnUpdate().WithDeletedObjectReturned()
            .WithStrategy(new ServiceStrategy(_allocator)).WithSubresource(StatusSubresource.For("Service")).Build());
    }
}
