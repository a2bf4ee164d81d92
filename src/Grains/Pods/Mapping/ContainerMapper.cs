using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using EciPort = OrleansEci.Eci.ContainerGroups.ContainerPort;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// One Kubernetes container as an ECI container or init container: image, command/args (with <c>$(VAR)</c>
/// expansion), env, ports, resources, mounts, security context, and for app containers probes and hooks.
/// </summary>
internal static class ContainerMapper
{
    /// <summary>ECI takes at most 10 <c>Arg.N</c> (eci-openapi.md §3.1); longer argument lists are appended to the command.</summary>
    private const int MaxArgs = 10;

    public static ContainerDefinition? App(MappingScope scope, V1Container container, string where)
    {
        Common? common = Shared(scope, container, where);
        if (common is null)
        {
            return null;
        }

        V1SecurityContext? security = container.SecurityContext;
        V1PodSecurityContext? podSecurity = scope.Spec.SecurityContext;
        var mapped = new ContainerDefinition
        {
            Name = container.Name,
            Image = container.Image,
            Stdin = container.Stdin,
            StdinOnce = container.StdinOnce,
            Tty = container.Tty,
            LivenessProbe = ProbeMapper.Probe(scope, container, container.LivenessProbe, $"{where} livenessProbe"),
            ReadinessProbe = ProbeMapper.Probe(scope, container, container.ReadinessProbe, $"{where} readinessProbe"),
            SecurityContextRunAsGroup = security?.RunAsGroup ?? podSecurity?.RunAsGroup,
            SecurityContextRunAsNonRoot = security?.RunAsNonRoot ?? podSecurity?.RunAsNonRoot,
            PostStart = ProbeMapper.Hook(scope, container, container.Lifecycle?.PostStart, $"{where} lifecycle.postStart"),
            PreStop = ProbeMapper.Hook(scope, container, container.Lifecycle?.PreStop, $"{where} lifecycle.preStop"),
        };
        if (container.StartupProbe is not null)
        {
            scope.Note($"{where}: startupProbe is not applied; ECI has liveness and readiness probes only.");
        }

        if (container.Lifecycle?.StopSignal is { Length: > 0 } signal)
        {
            scope.Note($"{where}: lifecycle.stopSignal {signal} is not applied; ECI stops containers with SIGTERM.");
        }

        return common.ApplyTo(mapped);
    }

    public static InitContainerDefinition? Init(MappingScope scope, V1Container container, string where)
    {
        Common? common = Shared(scope, container, where);
        if ((container.SecurityContext?.RunAsGroup ?? scope.Spec.SecurityContext?.RunAsGroup) is not null
            || (container.SecurityContext?.RunAsNonRoot ?? scope.Spec.SecurityContext?.RunAsNonRoot) is not null)
        {
            scope.Note($"{where}: runAsGroup and runAsNonRoot are not applied to init containers; ECI takes them for app containers only.");
        }

        return common?.ApplyTo(new InitContainerDefinition { Name = container.Name, Image = container.Image });
    }

    private static Common? Shared(MappingScope scope, V1Container container, string where)
    {
        V1SecurityContext? security = container.SecurityContext;
        if (security?.Privileged == true)
        {
            scope.Unsupported(MappingReasons.UnsupportedPrivileged, $"{where}: securityContext.privileged is true; ECI does not run privileged containers on virtual nodes. Remove it, and add only the capabilities the container needs (securityContext.capabilities.add).");
            return null;
        }

        (IReadOnlyList<EnvironmentVariable> Variables, IReadOnlyDictionary<string, string> Values)? env = EnvironmentResolver.Resolve(scope, container, where);
        if (env is null)
        {
            return null;
        }

        IReadOnlyDictionary<string, string> values = env.Value.Values;
        List<string>? command = container.Command?.Select(c => EnvironmentResolver.Expand(c, values)).ToList();
        List<string>? args = container.Args?.Select(a => EnvironmentResolver.Expand(a, values)).ToList();
        if (args is { Count: > MaxArgs })
        {
            if (command is not { Count: > 0 })
            {
                scope.Unsupported(MappingReasons.InvalidSpec, $"{where}: {args.Count} args without a command; ECI accepts at most {MaxArgs} args. Give the command explicitly, so the arguments can follow it.");
                return null;
            }

            command.AddRange(args);
            args = null;
        }

        NoteSecurity(scope, security, where);
        return new Common(
            command,
            args,
            env.Value.Variables,
            Ports(scope, container, where),
            Resources.ForContainer(scope, container, where),
            Mounts(scope, container, where),
            SecurityContext(security, scope.Spec.SecurityContext),
            container);
    }

    private static List<EciPort>? Ports(MappingScope scope, V1Container container, string where)
    {
        var ports = new List<EciPort>();
        foreach (V1ContainerPort port in container.Ports ?? [])
        {
            string protocol = port.Protocol ?? "TCP";
            if (protocol is not ("TCP" or "UDP"))
            {
                scope.Note($"{where}: port {port.ContainerPort}/{protocol} is not applied; ECI ports are TCP or UDP.");
                continue;
            }

            if (port.HostPort is int hostPort and not 0 && hostPort != port.ContainerPort)
            {
                scope.Note($"{where}: hostPort {hostPort} is not applied; the pod has its own IP on ECI and listens on containerPort {port.ContainerPort}.");
            }

            ports.Add(new EciPort { Port = port.ContainerPort, Protocol = protocol });
        }

        return ports.Count > 0 ? ports : null;
    }

    private static List<VolumeMount>? Mounts(MappingScope scope, V1Container container, string where)
    {
        if (container.VolumeDevices is { Count: > 0 })
        {
            scope.Unsupported(MappingReasons.UnsupportedPersistentVolumeClaim, $"{where}: volumeDevices (raw block volumes) are not supported on ECI virtual nodes. Use a filesystem volume.");
        }

        var mounts = new List<VolumeMount>();
        foreach (V1VolumeMount mount in container.VolumeMounts ?? [])
        {
            if (mount.SubPathExpr is { Length: > 0 })
            {
                scope.Note($"{where}: volumeMount {mount.Name} subPathExpr is not applied; use subPath.");
            }

            if (mount.RecursiveReadOnly is { Length: > 0 } and not "Disabled")
            {
                scope.Note($"{where}: volumeMount {mount.Name} recursiveReadOnly is not applied.");
            }

            mounts.Add(new VolumeMount
            {
                Name = mount.Name,
                MountPath = mount.MountPath,
                ReadOnly = mount.ReadOnlyProperty,
                SubPath = mount.SubPath is { Length: > 0 } s ? s : null,
                MountPropagation = mount.MountPropagation,
            });
        }

        return mounts.Count > 0 ? mounts : null;
    }

    private static ContainerSecurityContext? SecurityContext(V1SecurityContext? security, V1PodSecurityContext? podSecurity)
    {
        IEnumerable<string> add = (security?.Capabilities?.Add ?? [])
            .Select(c => c.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? c[4..] : c)
            .Select(c => c.ToUpperInvariant());
        var mapped = new ContainerSecurityContext
        {
            Capability = security?.Capabilities?.Add is { Count: > 0 } ? new Capability { Add = [.. add] } : null,
            ReadOnlyRootFilesystem = security?.ReadOnlyRootFilesystem,
            RunAsUser = security?.RunAsUser ?? podSecurity?.RunAsUser,
        };
        return mapped is { Capability: null, ReadOnlyRootFilesystem: null, RunAsUser: null } ? null : mapped;
    }

    private static void NoteSecurity(MappingScope scope, V1SecurityContext? security, string where)
    {
        if (security is null)
        {
            return;
        }

        List<string> ignored = [];
        if (security.Capabilities?.Drop is { Count: > 0 })
        {
            ignored.Add("capabilities.drop");
        }

        if (security.AllowPrivilegeEscalation is not null)
        {
            ignored.Add("allowPrivilegeEscalation");
        }

        if (security.SeccompProfile is not null)
        {
            ignored.Add("seccompProfile");
        }

        if (security.SeLinuxOptions is not null)
        {
            ignored.Add("seLinuxOptions");
        }

        if (security.AppArmorProfile is not null)
        {
            ignored.Add("appArmorProfile");
        }

        if (security.ProcMount is { Length: > 0 } and not "Default")
        {
            ignored.Add("procMount");
        }

        if (security.WindowsOptions is not null)
        {
            ignored.Add("windowsOptions");
        }

        if (ignored.Count > 0)
        {
            scope.Note($"{where}: securityContext {string.Join(", ", ignored)} not applied; ECI takes capabilities.add, runAsUser, runAsGroup, runAsNonRoot and readOnlyRootFilesystem.");
        }
    }

    /// <summary>What app and init containers share, applied to either record.</summary>
    private sealed record Common(
        List<string>? Command,
        List<string>? Args,
        IReadOnlyList<EnvironmentVariable> Env,
        List<EciPort>? Ports,
        (double? Cpu, double? Memory, int? Gpu) Resources,
        List<VolumeMount>? Mounts,
        ContainerSecurityContext? Security,
        V1Container Source)
    {
        public T ApplyTo<T>(T spec)
            where T : ContainerSpec => spec with
            {
                Cpu = Resources.Cpu,
                Memory = Resources.Memory,
                Gpu = Resources.Gpu,
                WorkingDir = Source.WorkingDir is { Length: > 0 } w ? w : null,
                ImagePullPolicy = Source.ImagePullPolicy,
                Command = Command is { Count: > 0 } ? Command : null,
                Args = Args is { Count: > 0 } ? Args : null,
                EnvironmentVars = Env.Count > 0 ? Env : null,
                Ports = Ports,
                VolumeMounts = Mounts,
                SecurityContext = Security,
                TerminationMessagePath = Source.TerminationMessagePath,
                TerminationMessagePolicy = Source.TerminationMessagePolicy,
            };
    }
}
