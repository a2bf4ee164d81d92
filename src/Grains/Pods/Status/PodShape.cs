using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// The few facts of a pod that the status mapping needs, so a pod grain keeps this instead of the whole V1Pod.
/// <see cref="QosClass"/> is echoed back because the API server computes it at creation and a status written without
/// it would clear it.
/// </summary>
public sealed record PodShape(
    string Namespace,
    string Name,
    string Uid,
    IReadOnlyList<ContainerShape> Containers,
    IReadOnlyList<ContainerShape> InitContainers,
    string RestartPolicy,
    DateTime? CreationTimestamp,
    string? QosClass = null)
{
    /// <summary>The shape of <paramref name="pod"/>; missing parts read as empty, restart policy defaults to Always.</summary>
    public static PodShape From(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        V1ObjectMeta? meta = pod.Metadata;
        V1PodSpec? spec = pod.Spec;
        return new PodShape(
            meta?.NamespaceProperty ?? "default",
            meta?.Name ?? "",
            meta?.Uid ?? "",
            Shapes(spec?.Containers),
            Shapes(spec?.InitContainers),
            string.IsNullOrEmpty(spec?.RestartPolicy) ? RestartPolicies.Always : spec.RestartPolicy,
            meta?.CreationTimestamp,
            pod.Status?.QosClass);
    }

    private static ContainerShape[] Shapes(IList<V1Container>? containers) =>
        containers is null ? [] : [.. containers.Where(c => !string.IsNullOrEmpty(c.Name)).Select(c => new ContainerShape(c.Name, c.Image ?? ""))];
}
