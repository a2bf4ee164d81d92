using k8s.Models;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>Registers <c>metrics.k8s.io/v1beta1</c> nodes and pods (verbs get, list), which discovery then lists for <c>kubectl top</c>.</summary>
public sealed class MetricsResources : IResourceTypeSource
{
    private readonly MetricsStorage _storage;

    public MetricsResources(MetricsStorage storage)
    {
        _storage = storage;
    }

    public void Register(ResourceRegistry registry)
    {
        registry.Add(new ResourceTypeBuilder("metrics.k8s.io", "v1beta1", "nodes", "NodeMetrics", false).WithModel<NodeMetrics>()
            .WithVerbs("get", "list").WithHandler(new MetricsHandler(_storage, pods: false)).Build());
        registry.Add(new ResourceTypeBuilder("metrics.k8s.io", "v1beta1", "pods", "PodMetrics", true).WithModel<PodMetrics>()
            .WithVerbs("get", "list").WithHandler(new MetricsHandler(_storage, pods: true)).Build());
    }
}
