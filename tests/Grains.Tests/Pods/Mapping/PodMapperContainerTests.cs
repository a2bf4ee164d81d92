using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

public sealed class PodMapperContainerTests
{
    [Fact]
    public void Map_ContainerBasics_Copied()
    {
        V1Container container = new()
        {
            Name = "app",
            Image = "registry.cn-beijing.aliyuncs.com/team/app:1",
            Command = ["/app"],
            Args = ["--port", "8080"],
            WorkingDir = "/srv",
            ImagePullPolicy = "IfNotPresent",
            Stdin = true,
            StdinOnce = true,
            Tty = true,
            TerminationMessagePath = "/dev/termination-log",
            TerminationMessagePolicy = "FallbackToLogsOnError",
            Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }, new V1ContainerPort { ContainerPort = 53, Protocol = "UDP" }],
        };

        ContainerDefinition mapped = PodFixtures.Map(PodFixtures.Simple(container: container)).Request.Containers[0];

        Assert.Equal(("app", "registry.cn-beijing.aliyuncs.com/team/app:1", "/srv", "IfNotPresent"), (mapped.Name, mapped.Image, mapped.WorkingDir, mapped.ImagePullPolicy));
        Assert.Equal(["/app"], mapped.Command);
        Assert.Equal(["--port", "8080"], mapped.Args);
        Assert.Equal((true, true, true), (mapped.Stdin, mapped.StdinOnce, mapped.Tty));
        Assert.Equal(("/dev/termination-log", "FallbackToLogsOnError"), (mapped.TerminationMessagePath, mapped.TerminationMessagePolicy));
        Assert.Equal([(8080, "TCP"), (53, "UDP")], mapped.Ports!.Select(p => (p.Port, p.Protocol!)));
    }

    [Fact]
    public void Map_SctpPortAndHostPort_NotedNotSent()
    {
        V1Container container = PodFixtures.Container("app");
        container.Ports = [new V1ContainerPort { ContainerPort = 9000, Protocol = "SCTP" }, new V1ContainerPort { ContainerPort = 80, HostPort = 8080 }];

        Mapped mapped = PodFixtures.Map(PodFixtures.Simple(container: container));

        Assert.Equal([80], mapped.Request.Containers[0].Ports!.Select(p => p.Port));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("SCTP", StringComparison.Ordinal));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("hostPort 8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_MoreThanTenArgs_AppendedToCommand()
    {
        V1Container container = PodFixtures.Container("app");
        container.Command = ["run"];
        container.Args = [.. Enumerable.Range(1, 11).Select(i => $"a{i}")];

        ContainerDefinition mapped = PodFixtures.Map(PodFixtures.Simple(container: container)).Request.Containers[0];

        Assert.Equal(12, mapped.Command!.Count);
        Assert.Null(mapped.Args);
    }

    [Fact]
    public void Map_MoreThanTenArgsWithoutCommand_IsInvalidSpec()
    {
        V1Container container = PodFixtures.Container("app");
        container.Args = [.. Enumerable.Range(1, 11).Select(i => $"a{i}")];

        Assert.Equal(MappingReasons.InvalidSpec, PodFixtures.Fail<Unsupported>(PodFixtures.Simple(container: container)).Reason);
    }

    [Fact]
    public void Map_Resources_RequestsElseLimitsInCoresAndGiB()
    {
        V1Container requested = PodFixtures.Container("requested");
        requested.Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("512Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("1Gi"), [Resources.NvidiaGpu] = new("1") },
        };
        V1Container limited = PodFixtures.Container("limited");
        limited.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2"), ["memory"] = new("100Mi") } };
        var pod = PodFixtures.Simple(container: requested);
        pod.Spec.Containers.Add(limited);
        pod.Spec.Containers.Add(PodFixtures.Container("none"));

        IReadOnlyList<ContainerDefinition> containers = PodFixtures.Map(pod).Request.Containers;

        Assert.Equal((0.25, 0.5, 1), (containers[0].Cpu!.Value, containers[0].Memory!.Value, containers[0].Gpu!.Value));
        Assert.Equal((2.0, 0.098), (containers[1].Cpu!.Value, containers[1].Memory!.Value));
        Assert.True(containers[2].Cpu is null && containers[2].Memory is null, "Pod default/web container none: expected no Cpu/Memory so ECI applies its default.");
    }

    [Fact]
    public void Map_PodLevelResources_SetGroupCpuAndMemory()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("8Gi") } };

        CreateContainerGroupRequest request = PodFixtures.Map(pod).Request;

        Assert.Equal((4.0, 8.0), (request.Cpu!.Value, request.Memory!.Value));
    }

    [Fact]
    public void Map_Probes_HttpTcpExecWithNamedPorts()
    {
        V1Container container = PodFixtures.Container("app");
        container.Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }];
        container.LivenessProbe = new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "http", Scheme = "HTTPS" },
            InitialDelaySeconds = 5, PeriodSeconds = 7, TimeoutSeconds = 2, SuccessThreshold = 1, FailureThreshold = 4,
        };
        container.ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 9090 } };
        V1Container other = PodFixtures.Container("other");
        other.LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", "/tmp/ok"] } };
        var pod = PodFixtures.Simple(container: container);
        pod.Spec.Containers.Add(other);

        IReadOnlyList<ContainerDefinition> containers = PodFixtures.Map(pod).Request.Containers;

        Probe live = containers[0].LivenessProbe!;
        Assert.Equal(("/healthz", 8080, "HTTPS"), (live.HttpGet!.Path, live.HttpGet.Port!.Value, live.HttpGet.Scheme));
        Assert.Equal((5, 7, 2, 1, 4), (live.InitialDelaySeconds!.Value, live.PeriodSeconds!.Value, live.TimeoutSeconds!.Value, live.SuccessThreshold!.Value, live.FailureThreshold!.Value));
        Assert.Equal(9090, containers[0].ReadinessProbe!.TcpSocket!.Port);
        Assert.Equal(["cat", "/tmp/ok"], containers[1].LivenessProbe!.Exec!.Commands);
    }

    [Fact]
    public void Map_ProbeOnUnknownNamedPort_IsInvalidSpec()
    {
        V1Container container = PodFixtures.Container("app");
        container.ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = "metrics" } };

        Unsupported result = PodFixtures.Fail<Unsupported>(PodFixtures.Simple(container: container));

        Assert.Contains("\"metrics\"", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_GrpcAndStartupProbes_NotedNotSent()
    {
        V1Container container = PodFixtures.Container("app");
        container.LivenessProbe = new V1Probe { Grpc = new V1GRPCAction { Port = 9000 } };
        container.StartupProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } };

        Mapped mapped = PodFixtures.Map(PodFixtures.Simple(container: container));

        Assert.Null(mapped.Request.Containers[0].LivenessProbe);
        Assert.Contains(mapped.Notes, n => n.Message.Contains("livenessProbe", StringComparison.Ordinal));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("startupProbe", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_LifecycleHooks_ExecHttpTcp()
    {
        V1Container container = PodFixtures.Container("app");
        container.Lifecycle = new V1Lifecycle
        {
            PostStart = new V1LifecycleHandler { HttpGet = new V1HTTPGetAction { Host = "localhost", Path = "/start", Port = 8080, Scheme = "HTTP", HttpHeaders = [new V1HTTPHeader { Name = "X-A", Value = "1" }] } },
            PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["/bin/sh", "-c", "sleep 5"] } },
        };
        V1Container tcp = PodFixtures.Container("tcp");
        tcp.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { TcpSocket = new V1TCPSocketAction { Host = "127.0.0.1", Port = 7000 } } };
        var pod = PodFixtures.Simple(container: container);
        pod.Spec.Containers.Add(tcp);

        IReadOnlyList<ContainerDefinition> containers = PodFixtures.Map(pod).Request.Containers;

        LifecycleHandler postStart = containers[0].PostStart!;
        Assert.Equal(("localhost", "/start", 8080, "HTTP"), (postStart.HttpGetHost, postStart.HttpGetPath, postStart.HttpGetPort!.Value, postStart.HttpGetScheme));
        Assert.Equal(new HttpHeader("X-A", "1"), Assert.Single(postStart.HttpGetHttpHeaders!));
        Assert.Equal(["/bin/sh", "-c", "sleep 5"], containers[0].PreStop!.ExecCommand);
        Assert.Equal(("127.0.0.1", 7000), (containers[1].PreStop!.TcpSocketHost, containers[1].PreStop!.TcpSocketPort!.Value));
    }

    [Fact]
    public void Map_SleepHook_NotedNotSent()
    {
        V1Container container = PodFixtures.Container("app");
        container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = 5 } } };

        Mapped mapped = PodFixtures.Map(PodFixtures.Simple(container: container));

        Assert.Null(mapped.Request.Containers[0].PreStop);
        Assert.Contains(mapped.Notes, n => n.Message.Contains("lifecycle.preStop", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SecurityContext_CapabilitiesUserGroupReadOnlyAndPodDefaults()
    {
        V1Container container = PodFixtures.Container("app");
        container.SecurityContext = new V1SecurityContext
        {
            Capabilities = new V1Capabilities { Add = ["NET_ADMIN", "CAP_SYS_TIME"], Drop = ["ALL"] },
            ReadOnlyRootFilesystem = true,
            RunAsUser = 1000,
        };
        var pod = PodFixtures.Simple(container: container);
        pod.Spec.SecurityContext = new V1PodSecurityContext
        {
            RunAsUser = 5, RunAsGroup = 3000, RunAsNonRoot = true, FsGroup = 2000,
            Sysctls = [new V1Sysctl { Name = "net.ipv4.ping_group_range", Value = "0 2147483647" }],
        };

        Mapped mapped = PodFixtures.Map(pod);
        ContainerDefinition mappedContainer = mapped.Request.Containers[0];

        Assert.Equal(["NET_ADMIN", "SYS_TIME"], mappedContainer.SecurityContext!.Capability!.Add);
        Assert.Equal((true, 1000L), (mappedContainer.SecurityContext.ReadOnlyRootFilesystem!.Value, mappedContainer.SecurityContext.RunAsUser!.Value));
        Assert.Equal((3000L, true), (mappedContainer.SecurityContextRunAsGroup!.Value, mappedContainer.SecurityContextRunAsNonRoot!.Value));
        Assert.Equal(new Sysctl("net.ipv4.ping_group_range", "0 2147483647"), Assert.Single(mapped.Request.SecurityContext!.Sysctls!));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("capabilities.drop", StringComparison.Ordinal));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("fsGroup", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_InitContainers_MappedInOrderAndSidecarsBecomeAppContainers()
    {
        var pod = PodFixtures.Simple();
        V1Container migrate = PodFixtures.Container("migrate", "migrate:1");
        migrate.Command = ["migrate", "up"];
        V1Container proxy = PodFixtures.Container("proxy", "envoy:1");
        proxy.RestartPolicy = "Always";
        pod.Spec.InitContainers = [migrate, proxy, PodFixtures.Container("seed", "seed:1")];

        Mapped mapped = PodFixtures.Map(pod);

        Assert.Equal(["migrate", "seed"], mapped.Request.InitContainers!.Select(c => c.Name));
        Assert.Equal(["migrate", "up"], mapped.Request.InitContainers![0].Command);
        Assert.Equal(["proxy", "app"], mapped.Request.Containers.Select(c => c.Name));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("sidecar", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_VolumeMounts_Copied()
    {
        V1Container container = PodFixtures.Container("app");
        container.VolumeMounts =
        [
            new V1VolumeMount { Name = "data", MountPath = "/data", ReadOnlyProperty = true, SubPath = "sub", MountPropagation = "HostToContainer" },
            new V1VolumeMount { Name = "data", MountPath = "/logs", SubPathExpr = "$(POD_NAME)" },
        ];
        var pod = PodFixtures.Simple(container: container);
        pod.Spec.Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }];

        Mapped mapped = PodFixtures.Map(pod);
        IReadOnlyList<VolumeMount> mounts = mapped.Request.Containers[0].VolumeMounts!;

        Assert.Equal(("data", "/data", true, "sub", "HostToContainer"), (mounts[0].Name, mounts[0].MountPath, mounts[0].ReadOnly!.Value, mounts[0].SubPath, mounts[0].MountPropagation));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("subPathExpr", StringComparison.Ordinal));
    }
}
