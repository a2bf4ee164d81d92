using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// What a pod asks of a node, as k8s.io/component-helpers/resource PodRequests computes it: the sum of the containers'
/// requests and restartable (sidecar) init containers', at least the largest regular init container (plus the sidecars
/// started before it), plus the pod overhead. The non-zero variant counts 100m CPU and 200Mi memory for containers that
/// request none (scheduler/util.GetNonzeroRequests), which only scoring uses.
/// </summary>
internal static class PodRequests
{
    public const long DefaultMilliCpuRequest = 100;
    public const long DefaultMemoryRequest = 200 * 1024 * 1024;

    public static ResourceSet Of(V1PodSpec spec, bool nonZero = false)
    {
        var total = new ResourceSet();
        foreach (var container in spec.Containers ?? [])
        {
            total.Add(ContainerRequests(container, nonZero));
        }

        var restartable = new ResourceSet();
        var init = new ResourceSet();
        foreach (var container in spec.InitContainers ?? [])
        {
            var requests = ContainerRequests(container, nonZero);
            if (container.RestartPolicy == "Always")
            {
                total.Add(requests);
                restartable.Add(requests);
                init.Max(restartable);
            }
            else
            {
                requests.Add(restartable);
                init.Max(requests);
            }
        }

        total.Max(init);
        if (spec.Overhead is { } overhead)
        {
            total.Add(ResourceSet.From(overhead));
        }

        return total;
    }

    private static ResourceSet ContainerRequests(V1Container container, bool nonZero)
    {
        var requests = ResourceSet.From(container.Resources?.Requests);
        if (nonZero)
        {
            var declared = container.Resources?.Requests;
            if (declared is null || !declared.ContainsKey(ResourceSet.Cpu))
            {
                requests.MilliCpu = DefaultMilliCpuRequest;
            }

            if (declared is null || !declared.ContainsKey(ResourceSet.Memory))
            {
                requests.MemoryBytes = DefaultMemoryRequest;
            }
        }

        return requests;
    }
}
