using k8s.Models;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// Container CPU and memory from requests, else limits (what the container is promised; ECI sums the containers and
/// rounds up to a supported spec, eci-openapi.md §3.1); GPUs from <c>nvidia.com/gpu</c>.
/// </summary>
internal static class Resources
{
    public const string NvidiaGpu = "nvidia.com/gpu";

    private static readonly HashSet<string> Known = ["cpu", "memory", "ephemeral-storage", NvidiaGpu];

    public static (double? Cpu, double? Memory, int? Gpu) ForContainer(MappingScope scope, V1Container container, string where)
    {
        V1ResourceRequirements? resources = container.Resources;
        ResourceQuantity? cpu = Pick(resources, "cpu");
        ResourceQuantity? memory = Pick(resources, "memory");
        ResourceQuantity? gpu = Pick(resources, NvidiaGpu);
        IEnumerable<string> others = (resources?.Limits?.Keys ?? []).Concat(resources?.Requests?.Keys ?? []).Where(k => !Known.Contains(k)).Distinct();
        foreach (string other in others)
        {
            scope.Note($"{where}: resource {other} is not applied; ECI knows cpu, memory, ephemeral-storage and {NvidiaGpu}.");
        }

        if (resources?.Claims is { Count: > 0 })
        {
            scope.Note($"{where}: resources.claims (dynamic resource allocation) are not applied.");
        }

        return (
            cpu is null ? null : Quantities.Cores(cpu),
            memory is null ? null : Quantities.GiB(memory),
            gpu is null ? null : (int)Math.Ceiling(gpu.ToDecimal()));
    }

    /// <summary>
    /// The group's CPU and memory from the pod-level <c>spec.resources</c> (requests, else limits); null each when the
    /// pod does not set it, leaving ECI to sum the containers.
    /// </summary>
    public static (double? Cpu, double? Memory) ForPod(V1PodSpec spec)
    {
        ResourceQuantity? cpu = Pick(spec.Resources, "cpu");
        ResourceQuantity? memory = Pick(spec.Resources, "memory");
        return (cpu is null ? null : Quantities.Cores(cpu), memory is null ? null : Quantities.GiB(memory));
    }

    private static ResourceQuantity? Pick(V1ResourceRequirements? resources, string name) =>
        resources?.Requests?.TryGetValue(name, out ResourceQuantity? request) == true ? request
        : resources?.Limits?.TryGetValue(name, out ResourceQuantity? limit) == true ? limit
        : null;
}
