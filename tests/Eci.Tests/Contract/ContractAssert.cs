using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>
/// Compares what DescribeContainerGroups reports with the create request that made the group, field by field
/// (request wire names vs response names, eci-openapi.md §3.1 vs §3.2), and fails once listing every difference.
/// </summary>
internal static class ContractAssert
{
    public static void DescribedAsSent(CreateContainerGroupRequest sent, ContainerGroup got, ContractTarget target)
    {
        List<string> differences = [];
        void Expect(bool holds, string what, object? actual)
        {
            if (!holds)
            {
                differences.Add($"{what}, got {actual ?? "nothing"}");
            }
        }

        Expect(got.ContainerGroupName == sent.ContainerGroupName, $"ContainerGroupName {sent.ContainerGroupName}", got.ContainerGroupName);
        Expect(got.RegionId == target.RegionId, $"RegionId {target.RegionId}", got.RegionId);
        Expect(target.VSwitchIds.Count == 0 || target.VSwitchIds.Contains(got.VSwitchId), $"VSwitchId one of {string.Join(",", target.VSwitchIds)}", got.VSwitchId);
        Expect(target.SecurityGroupId is null || got.SecurityGroupId == target.SecurityGroupId, $"SecurityGroupId {target.SecurityGroupId}", got.SecurityGroupId);
        Expect(got.RestartPolicy == sent.RestartPolicy, $"RestartPolicy {sent.RestartPolicy}", got.RestartPolicy);
        Expect(got.Cpu == sent.Cpu && got.Memory == sent.Memory, $"Cpu/Memory {sent.Cpu}/{sent.Memory}", $"{got.Cpu}/{got.Memory}");
        Expect(!string.IsNullOrEmpty(got.IntranetIp), "an IntranetIp", got.IntranetIp);
        Expect(got.CreationTime is not null, "a CreationTime", got.CreationTime);
        Expect(sent.Tags!.All(t => got.Tags.Contains(t)), $"Tags {string.Join(",", sent.Tags!)}", string.Join(",", got.Tags));
        HostAlias alias = sent.HostAliases![0];
        Expect(got.HostAliases.Any(h => h.Ip == alias.Ip && alias.Hostnames.All(h.Hostnames.Contains)), $"HostAliases {alias.Ip}={string.Join(",", alias.Hostnames)}",
            string.Join("; ", got.HostAliases.Select(h => $"{h.Ip}={string.Join(",", h.Hostnames)}")));
        DnsConfig dns = sent.DnsConfig!;
        Expect(got.DnsConfig is { } d && d.NameServers.SequenceEqual(dns.NameServers!) && d.Searches.SequenceEqual(dns.Searches!)
            && dns.Options!.All(o => d.Options.Any(x => x.Name == o.Name && x.Value == o.Value)),
            "DnsConfig as sent", got.DnsConfig is null ? null : $"{string.Join(",", got.DnsConfig.NameServers)} / {string.Join(",", got.DnsConfig.Searches)} / {string.Join(",", got.DnsConfig.Options)}");
        CompareVolumes(sent, got, Expect);
        CompareContainer(sent.Containers[0], got.Containers, Expect);
        InitContainerDefinition init = sent.InitContainers![0];
        ContainerInfo? gotInit = got.InitContainers.SingleOrDefault(c => c.Name == init.Name);
        Expect(gotInit is not null && gotInit.Image == init.Image && gotInit.EffectiveCommand.SequenceEqual(init.Command!) && gotInit.Args.SequenceEqual(init.Args!),
            $"init container {init.Name} with its image, command and args", gotInit);
        Assert.True(differences.Count == 0,
            $"Expected {got.ContainerGroupId} on {target.Name} to be described as sent; differences:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", differences));
    }

    private static void CompareVolumes(CreateContainerGroupRequest sent, ContainerGroup got, Action<bool, string, object?> expect)
    {
        VolumeInfo? cache = got.Volumes.SingleOrDefault(v => v.Name == "cache");
        expect(cache?.Type == "EmptyDirVolume", "volume cache of type EmptyDirVolume", cache);
        VolumeInfo? config = got.Volumes.SingleOrDefault(v => v.Name == "config");
        ConfigFileToPath file = sent.Volumes![1].ConfigFileVolume!.ConfigFileToPaths[0];
        expect(config?.Type == "ConfigFileVolume" && config.ConfigFileVolumeConfigFileToPaths.Any(f => f.Path == file.Path && f.Content == file.Content),
            $"volume config of type ConfigFileVolume with {file.Path}", config is null ? null : $"{config.Type} [{string.Join(", ", config.ConfigFileVolumeConfigFileToPaths)}]");
    }

    private static void CompareContainer(ContainerDefinition sent, IReadOnlyList<ContainerInfo> containers, Action<bool, string, object?> expect)
    {
        ContainerInfo? got = containers.SingleOrDefault(c => c.Name == sent.Name);
        if (got is null)
        {
            expect(false, $"container {sent.Name}", string.Join(",", containers.Select(c => c.Name)));
            return;
        }

        expect(got.Image == sent.Image && got.ImagePullPolicy == sent.ImagePullPolicy && got.WorkingDir == sent.WorkingDir,
            $"app Image/ImagePullPolicy/WorkingDir {sent.Image}/{sent.ImagePullPolicy}/{sent.WorkingDir}", $"{got.Image}/{got.ImagePullPolicy}/{got.WorkingDir}");
        expect(got.Cpu == sent.Cpu && got.Memory == sent.Memory, $"app Cpu/Memory {sent.Cpu}/{sent.Memory}", $"{got.Cpu}/{got.Memory}");
        expect(got.Commands.SequenceEqual(sent.Command!) && got.Args.SequenceEqual(sent.Args!), $"app Commands [{string.Join(" ", sent.Command!)}] Args [{string.Join(" ", sent.Args!)}]",
            $"[{string.Join(" ", got.Commands)}] [{string.Join(" ", got.Args)}]");
        expect(got.EnvironmentVars.Any(e => e.Key == "MODE" && e.Value == "contract")
            && got.EnvironmentVars.Any(e => e.Key == "POD_IP" && e.ValueFrom?.FieldRef?.FieldPath == "status.podIP"),
            "app env MODE=contract and POD_IP from status.podIP", string.Join(", ", got.EnvironmentVars));
        expect(got.Ports.Any(p => p.Port == 8080 && p.Protocol == "TCP"), "app port 8080/TCP", string.Join(", ", got.Ports));
        expect(got.VolumeMounts.Any(m => m is { Name: "cache", MountPath: "/cache" }) && got.VolumeMounts.Any(m => m is { Name: "config", MountPath: "/etc/contract", ReadOnly: true }),
            "app mounts cache:/cache and config:/etc/contract (read-only)", string.Join(", ", got.VolumeMounts));
        Probe liveness = sent.LivenessProbe!;
        expect(got.LivenessProbe is { } l && l.Execs.SequenceEqual(liveness.Exec!.Commands) && l.PeriodSeconds == liveness.PeriodSeconds
            && l.InitialDelaySeconds == liveness.InitialDelaySeconds && l.FailureThreshold == liveness.FailureThreshold,
            "app liveness probe exec as sent", got.LivenessProbe);
        expect(got.ReadinessProbe?.TcpSocket?.Port == sent.ReadinessProbe!.TcpSocket!.Port, "app readiness probe tcp 8080", got.ReadinessProbe);
        expect(got.SecurityContext?.Capability?.Adds.Contains("NET_ADMIN") == true, "app capability NET_ADMIN", got.SecurityContext);
    }
}
