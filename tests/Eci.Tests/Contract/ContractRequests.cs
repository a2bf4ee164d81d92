using System.Text;

using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>
/// The create requests of the contract suite, valid on the emulator and on real ECI alike: every one carries the
/// run's tag, the target's network, the smallest spec (0.25 vCPU, 0.5 GiB) and an hour's ActiveDeadlineSeconds.
/// </summary>
internal static class ContractRequests
{
    public const string AppContainer = "app";
    public const string ConfigFileContent = "mode=contract\n";

    /// <summary>One busybox container running <paramref name="script"/> under <c>/bin/sh -c</c>.</summary>
    public static CreateContainerGroupRequest Simple(ContractTarget target, string name, string script = "echo contract-ready; sleep 3600") => new()
    {
        ContainerGroupName = name,
        VSwitchIds = target.VSwitchIds.Count > 0 ? target.VSwitchIds : null,
        SecurityGroupId = target.SecurityGroupId,
        Cpu = 0.25,
        Memory = 0.5,
        RestartPolicy = "Never",
        ActiveDeadlineSeconds = 3600,
        Tags = [target.RunTag],
        Containers = [new ContainerDefinition { Name = AppContainer, Image = target.Image, Command = ["/bin/sh", "-c"], Args = [script] }],
    };

    /// <summary>
    /// As much of CreateContainerGroup as any account accepts without other cloud resources: containers and an
    /// init container with command/args, env (incl. FieldRef), ports, mounts, probes, lifecycle hooks and
    /// security context; EmptyDir and ConfigFile volumes; DNS config, host aliases, tags, ClientToken, restart
    /// policy, grace period, deadline, NTP servers, insecure and plain-HTTP registries, registry credentials,
    /// core pattern, host name, schedule strategy. Left out because they need resources of a real account (an
    /// NFS server, a disk, a Flex driver, an EIP, an ACR instance, a RAM role, an image cache) or cost extra
    /// (spot, EIP, ephemeral storage); EciParameterFlattenerTests checks their wire names one by one.
    /// </summary>
    public static CreateContainerGroupRequest Maximal(ContractTarget target, string name, string clientToken) => Simple(target, name) with
    {
        ClientToken = clientToken,
        ScheduleStrategy = "VSwitchOrdered",
        RestartPolicy = "Always",
        TerminationGracePeriodSeconds = 10,
        HostName = "contract-host",
        DnsConfig = new DnsConfig
        {
            NameServers = ["100.100.2.136"],
            Searches = ["contract.svc.cluster.local"],
            Options = [new DnsOption { Name = "ndots", Value = "2" }],
        },
        HostAliases = [new HostAlias { Ip = "10.0.0.10", Hostnames = ["contract.local", "contract-alias.local"] }],
        NtpServers = ["ntp.aliyun.com"],
        InsecureRegistries = ["harbor.contract.local"],
        PlainHttpRegistries = ["plain.contract.local:5000"],
        ImageRegistryCredentials = [new ImageRegistryCredential { Server = "harbor.contract.local", UserName = "contract", Password = "contract-password" }],
        CorePattern = "/tmp/cores",
        Tags = [target.RunTag, new Tag("purpose", "maximal")],
        Volumes =
        [
            new Volume { Name = "cache", EmptyDirVolume = new EmptyDirVolume { SizeLimit = "256Mi" } },
            new Volume
            {
                Name = "config",
                ConfigFileVolume = new ConfigFileVolume
                {
                    ConfigFileToPaths = [new ConfigFileToPath { Path = "app.conf", Content = Convert.ToBase64String(Encoding.UTF8.GetBytes(ConfigFileContent)) }],
                },
            },
        ],
        InitContainers =
        [
            new InitContainerDefinition
            {
                Name = "init",
                Image = target.Image,
                Command = ["/bin/sh", "-c"],
                Args = ["echo init-done > /cache/init.txt"],
                EnvironmentVars = [new EnvironmentVariable { Key = "PHASE", Value = "init" }],
                VolumeMounts = [new VolumeMount { Name = "cache", MountPath = "/cache" }],
            },
        ],
        Containers = [MaximalContainer(target)],
    };

    private static ContainerDefinition MaximalContainer(ContractTarget target) => new()
    {
        Name = AppContainer,
        Image = target.Image,
        Cpu = 0.25,
        Memory = 0.5,
        WorkingDir = "/",
        ImagePullPolicy = "IfNotPresent",
        Command = ["/bin/sh", "-c"],
        Args = ["echo contract-ready; sleep 3600"],
        EnvironmentVars =
        [
            new EnvironmentVariable { Key = "MODE", Value = "contract" },
            new EnvironmentVariable { Key = "POD_IP", FieldRef = new FieldReference("status.podIP") },
        ],
        Ports = [new ContainerPort { Port = 8080, Protocol = "TCP" }],
        VolumeMounts =
        [
            new VolumeMount { Name = "cache", MountPath = "/cache" },
            new VolumeMount { Name = "config", MountPath = "/etc/contract", ReadOnly = true },
        ],
        LivenessProbe = new Probe
        {
            Exec = new ExecAction { Commands = ["/bin/sh", "-c", "test -f /etc/contract/app.conf"] },
            InitialDelaySeconds = 5,
            PeriodSeconds = 10,
            TimeoutSeconds = 2,
            SuccessThreshold = 1,
            FailureThreshold = 3,
        },
        ReadinessProbe = new Probe { TcpSocket = new TcpSocketAction(8080), PeriodSeconds = 10 },
        SecurityContext = new ContainerSecurityContext { Capability = new Capability { Add = ["NET_ADMIN"] }, ReadOnlyRootFilesystem = false, RunAsUser = 0 },
        PostStart = new LifecycleHandler { ExecCommand = ["/bin/sh", "-c", "echo post-start > /cache/post-start.txt"] },
        PreStop = new LifecycleHandler { ExecCommand = ["/bin/sh", "-c", "echo pre-stop"] },
        Stdin = false,
        Tty = false,
    };
}
