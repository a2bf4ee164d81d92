using k8s.Models;

namespace OrleansEci.KubeletApi.Pods;

/// <summary>
/// A pod bound to one of this process's virtual nodes, as the kubelet API needs it: the pod as the API server has it
/// (spec for container names, status for whether a container has ended) and its ECI container group, null while the
/// group is not created yet (the pod grain's <c>PodGrainState.ContainerGroupId</c>).
/// </summary>
public sealed record KubeletPod(V1Pod Pod, string? ContainerGroupId)
{
    public string Namespace => Pod.Metadata?.NamespaceProperty ?? "";

    public string Name => Pod.Metadata?.Name ?? "";

    public string Uid => Pod.Metadata?.Uid ?? "";

    /// <summary>Whether the pod's spec has a container (regular, init or ephemeral) named <paramref name="container"/>.</summary>
    public bool HasContainer(string container) =>
        (Pod.Spec?.Containers ?? []).Any(c => c.Name == container)
        || (Pod.Spec?.InitContainers ?? []).Any(c => c.Name == container)
        || (Pod.Spec?.EphemeralContainers ?? []).Any(c => c.Name == container);

    /// <summary>The container's status as last reported, or null.</summary>
    public V1ContainerStatus? StatusOf(string container) =>
        (Pod.Status?.ContainerStatuses ?? []).Concat(Pod.Status?.InitContainerStatuses ?? []).Concat(Pod.Status?.EphemeralContainerStatuses ?? [])
            .FirstOrDefault(s => s.Name == container);
}
