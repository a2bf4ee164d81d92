using k8s.Models;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// What makes a pod unrunnable on ECI before any mapping (eci-on-kubernetes.md §2), and the pod-level fields that are
/// accepted but have no ECI equivalent (reported as notes).
/// </summary>
internal static class PodChecks
{
    public static bool Supported(MappingScope scope)
    {
        V1Pod pod = scope.Pod;
        if (pod.Metadata is null)
        {
            scope.Unsupported(MappingReasons.InvalidSpec, "The pod has no metadata.");
            return false;
        }

        if (pod.Spec is null || pod.Spec.Containers is not { Count: > 0 })
        {
            scope.Unsupported(MappingReasons.InvalidSpec, $"Pod {scope.PodRef} has no containers.");
            return false;
        }

        if (pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == "DaemonSet") is { } owner)
        {
            scope.Unsupported(MappingReasons.UnsupportedDaemonSet, $"Pod {scope.PodRef} belongs to DaemonSet {owner.Name}; DaemonSets do not run on virtual nodes. Keep the DaemonSet off them with node affinity type NotIn [virtual-kubelet].");
            return false;
        }

        V1PodSpec spec = pod.Spec;
        if (spec.HostNetwork == true)
        {
            scope.Unsupported(MappingReasons.UnsupportedHostNetwork, $"Pod {scope.PodRef} sets hostNetwork: true; ECI virtual nodes have no host network. Remove it and expose the pod through a Service (type LoadBalancer) instead.");
            return false;
        }

        if (spec.HostPID == true || spec.HostIPC == true)
        {
            string which = spec.HostPID == true ? "hostPID" : "hostIPC";
            scope.Unsupported(MappingReasons.UnsupportedHostNamespace, $"Pod {scope.PodRef} sets {which}: true; ECI virtual nodes have no host namespaces to share. Remove it (shareProcessNamespace shares processes among the pod's own containers).");
            return false;
        }

        int sidecars = spec.InitContainers?.Count(c => c.RestartPolicy == "Always") ?? 0;
        int apps = spec.Containers.Count + sidecars;
        int inits = (spec.InitContainers?.Count ?? 0) - sidecars;
        if (apps > PodMapper.MaxContainers || inits > PodMapper.MaxContainers)
        {
            scope.Unsupported(MappingReasons.TooManyContainers, $"Pod {scope.PodRef} has {apps} containers and {inits} init containers (sidecars count as containers); ECI allows at most {PodMapper.MaxContainers} per container group. Split the pod.");
            return false;
        }

        if (spec.RestartPolicy is { Length: > 0 } restart && restart is not ("Always" or "OnFailure" or "Never"))
        {
            scope.Unsupported(MappingReasons.InvalidSpec, $"Pod {scope.PodRef} has restartPolicy \"{restart}\"; expected Always, OnFailure or Never.");
            return false;
        }

        return true;
    }

    public static void NoteIgnoredPodFields(MappingScope scope)
    {
        V1PodSpec spec = scope.Spec;
        if (spec.SecurityContext is { } security)
        {
            List<string> ignored = [];
            Add(ignored, "fsGroup", security.FsGroup is not null);
            Add(ignored, "fsGroupChangePolicy", security.FsGroupChangePolicy is not null);
            Add(ignored, "supplementalGroups", security.SupplementalGroups is { Count: > 0 });
            Add(ignored, "supplementalGroupsPolicy", security.SupplementalGroupsPolicy is not null);
            Add(ignored, "seccompProfile", security.SeccompProfile is not null);
            Add(ignored, "seLinuxOptions", security.SeLinuxOptions is not null);
            Add(ignored, "seLinuxChangePolicy", security.SeLinuxChangePolicy is not null);
            Add(ignored, "appArmorProfile", security.AppArmorProfile is not null);
            Add(ignored, "windowsOptions", security.WindowsOptions is not null);
            if (ignored.Count > 0)
            {
                scope.Note($"Pod securityContext {string.Join(", ", ignored)} not applied; ECI takes sysctls, and runAsUser/runAsGroup/runAsNonRoot as container defaults.");
            }
        }

        if (spec.RuntimeClassName is { Length: > 0 } runtimeClass)
        {
            scope.Note($"runtimeClassName {runtimeClass} is not applied; ECI runs every pod in its own sandbox.");
        }

        if (spec.HostUsers == false)
        {
            scope.Note("hostUsers: false (user namespaces) is not applied; ECI isolates pods in their own sandbox.");
        }

        if (spec.ResourceClaims is { Count: > 0 })
        {
            scope.Note("resourceClaims (dynamic resource allocation) are not applied; request GPUs with nvidia.com/gpu limits.");
        }
    }

    private static void Add(List<string> list, string name, bool condition)
    {
        if (condition)
        {
            list.Add(name);
        }
    }
}
