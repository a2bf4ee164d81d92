using k8s.Models;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// Maps a pod bound to a virtual node to a CreateContainerGroup request: pure and synchronous, no I/O. First ask
/// <see cref="Dependencies"/> what to fetch, fetch it, then <see cref="Map"/>. The whole mapping is documented in
/// docs/pod-mapping.md.
/// </summary>
public static class PodMapper
{
    /// <summary>ECI's limit per group, checked for app and for init containers (ECI "Limits": 20 containers per instance).</summary>
    public const int MaxContainers = 20;

    /// <summary>The ConfigMaps, Secrets and tokens to fetch before <see cref="Map"/>.</summary>
    public static PodDependencies Dependencies(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return PodDependencyCollector.Collect(pod);
    }

    /// <summary>A valid, deterministic ECI name for the pod's group, from its namespace and name.</summary>
    public static string ContainerGroupName(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return ContainerGroupNames.For(pod.Metadata?.NamespaceProperty ?? "default", pod.Metadata?.Name ?? "");
    }

    /// <summary>
    /// What the pod's annotations ask of the pod grain (fail strategy, spot handling), for decisions made after the create
    /// (an asynchronous ScheduleFailed, a lost group, a spot release). Malformed values read as absent, as in <see cref="Map"/>,
    /// which has already rejected such a pod before it got a group.
    /// </summary>
    public static PodCreationPolicy Policy(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return AnnotationMapper.Policy(new MappingScope(pod, PodInputs.None, MappingContext.ForPolicy));
    }

    /// <summary>The request for this pod, or why there is none (<see cref="Unsupported"/>, <see cref="MissingInput"/>).</summary>
    public static MappingResult Map(V1Pod pod, PodInputs inputs, MappingContext context)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(context);
        var scope = new MappingScope(pod, inputs, context);
        if (!PodChecks.Supported(scope))
        {
            return scope.Failure!;
        }

        List<Volume>? volumes = VolumeMapper.Map(scope);
        (List<ContainerDefinition> apps, List<InitContainerDefinition> inits) = Containers(scope);
        (string? dnsPolicy, DnsConfig? dnsConfig) = DnsMapper.Dns(scope);
        (double? cpu, double? memory) = Resources.ForPod(scope.Spec);
        V1PodSpec spec = scope.Spec;
        var request = new CreateContainerGroupRequest
        {
            RegionId = context.RegionId,
            ZoneId = context.ZoneId,
            ContainerGroupName = context.ContainerGroupName,
            ClientToken = context.ClientToken,
            SecurityGroupId = context.SecurityGroupId,
            VSwitchIds = context.VSwitchIds.Count > 0 ? context.VSwitchIds : null,
            ResourceGroupId = context.ResourceGroupId,
            Cpu = cpu,
            Memory = memory,
            Containers = apps,
            InitContainers = inits.Count > 0 ? inits : null,
            Volumes = volumes is { Count: > 0 } ? volumes : null,
            RestartPolicy = spec.RestartPolicy,
            TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds,
            ActiveDeadlineSeconds = spec.ActiveDeadlineSeconds,
            DnsPolicy = dnsPolicy,
            DnsConfig = dnsConfig,
            HostAliases = DnsMapper.HostAliases(spec.HostAliases, []),
            HostName = DnsMapper.HostName(scope),
            ShareProcessNamespace = spec.ShareProcessNamespace,
            SecurityContext = spec.SecurityContext?.Sysctls is { Count: > 0 } sysctls
                ? new PodSecurityContext { Sysctls = [.. sysctls.Select(s => new Sysctl(s.Name, s.Value))] }
                : null,
            OsType = spec.Os?.Name switch { "windows" => "Windows", "linux" => "Linux", _ => null },
            ImageRegistryCredentials = ImagePullCredentials.Map(scope),
            Tags = [.. ContainerGroupTags.For(context.ClusterId, context.NodeName, pod.Namespace() ?? "", pod.Name() ?? "", pod.Uid() ?? "")],
        };
        request = AnnotationMapper.Apply(scope, request);
        PodCreationPolicy policy = AnnotationMapper.Policy(scope);
        PodChecks.NoteIgnoredPodFields(scope);
        return scope.Failure ?? new Mapped(request, scope.Notes, policy);
    }

    /// <summary>
    /// App containers, then init containers in order. Restartable init containers (native sidecars,
    /// <c>restartPolicy: Always</c>) become app containers, because an ECI init container must exit before the next starts.
    /// </summary>
    private static (List<ContainerDefinition> Apps, List<InitContainerDefinition> Inits) Containers(MappingScope scope)
    {
        var apps = new List<ContainerDefinition>();
        var inits = new List<InitContainerDefinition>();
        foreach (V1Container init in scope.Spec.InitContainers ?? [])
        {
            string where = $"init container {init.Name}";
            if (init.RestartPolicy == "Always")
            {
                scope.Note($"{where}: a sidecar (restartPolicy Always) runs as an app container on ECI; it starts with the app containers, not before them.");
                if (ContainerMapper.App(scope, init, where) is { } sidecar)
                {
                    apps.Add(sidecar);
                }
            }
            else if (ContainerMapper.Init(scope, init, where) is { } mapped)
            {
                inits.Add(mapped);
            }
        }

        foreach (V1Container container in scope.Spec.Containers ?? [])
        {
            if (ContainerMapper.App(scope, container, $"container {container.Name}") is { } mapped)
            {
                apps.Add(mapped);
            }
        }

        return (apps, inits);
    }
}
