using k8s.Models;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// What ECI cannot run (eci-on-kubernetes.md §2), checked before a pod is sent there, each with what to use instead.
/// The pod mapper (src/Grains/Pods/Mapping/PodChecks.cs, VolumeMapper.cs, ContainerMapper.cs) refuses the same pods
/// later; refusing them at admission tells the user at <c>kubectl apply</c> instead of in an event.
/// </summary>
public static class EciPodChecks
{
    /// <summary>Every reason the pod cannot run on ECI; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        List<string> problems = [];
        if (pod.Spec is not { } spec)
        {
            return problems;
        }

        if (spec.HostNetwork == true)
        {
            problems.Add("hostNetwork: true (ECI virtual nodes have no host network; remove it and expose the pod through a Service, e.g. type LoadBalancer)");
        }

        if (spec.HostPID == true || spec.HostIPC == true)
        {
            string which = spec.HostPID == true ? "hostPID" : "hostIPC";
            problems.Add($"{which}: true (there are no host namespaces to share; remove it, and use shareProcessNamespace to share processes among the pod's own containers)");
        }

        foreach (V1Volume volume in spec.Volumes ?? [])
        {
            if (volume.HostPath is { } hostPath)
            {
                problems.Add($"volume \"{volume.Name}\" is a hostPath ({hostPath.Path}) (there is no host; use an emptyDir, a configMap or secret, or NAS through nfs instead)");
            }
        }

        IEnumerable<(string Kind, string Name, V1SecurityContext? Security)> containers =
            (spec.InitContainers ?? []).Select(c => ("init container", c.Name, (V1SecurityContext?)c.SecurityContext))
            .Concat((spec.Containers ?? []).Select(c => ("container", c.Name, (V1SecurityContext?)c.SecurityContext)))
            .Concat((spec.EphemeralContainers ?? []).Select(c => ("ephemeral container", c.Name, (V1SecurityContext?)c.SecurityContext)));
        foreach ((string kind, string name, V1SecurityContext? security) in containers)
        {
            if (security?.Privileged == true)
            {
                problems.Add($"{kind} \"{name}\" is privileged (ECI does not run privileged containers; remove privileged and add only the capabilities it needs under securityContext.capabilities.add)");
            }
        }

        return problems;
    }
}
