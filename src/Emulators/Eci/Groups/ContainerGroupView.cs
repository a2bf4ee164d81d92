using OrleansEci.Emulators.Eci.Protocol;
using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>The <c>ContainerGroup</c> object of DescribeContainerGroups, field names as in reference §3.2.
/// Call with the group's lock held.</summary>
internal static class ContainerGroupView
{
    public static Dictionary<string, object?> Build(ContainerGroup g, RegionState region, bool withEvents)
    {
        GroupSpec s = g.Spec;
        Placement p = g.Placement;
        return Compact(new(StringComparer.Ordinal)
        {
            ["ContainerGroupId"] = g.Id,
            ["ContainerGroupName"] = s.Name,
            ["RegionId"] = region.Options.RegionId,
            ["ZoneId"] = p.ZoneId,
            ["VpcId"] = region.Options.VpcId,
            ["VSwitchId"] = p.VSwitchId,
            ["SecurityGroupId"] = p.SecurityGroupId,
            ["ResourceGroupId"] = s.ResourceGroupId ?? "rg-emu-default",
            ["Status"] = g.Status,
            ["CreationTime"] = WireFormat.Time(g.CreationTime),
            ["SucceededTime"] = WireFormat.Time(g.SucceededTime),
            ["FailedTime"] = WireFormat.Time(g.FailedTime),
            ["ExpiredTime"] = WireFormat.Time(g.ExpiredTime),
            ["Cpu"] = p.Spec.Cpu,
            ["Memory"] = p.Spec.Memory,
            ["InstanceType"] = p.AutoMatchedType ?? "",
            ["ComputeCategory"] = s.ComputeCategory.Count > 0 ? s.ComputeCategory[0] : null,
            ["EphemeralStorage"] = s.EphemeralStorage ?? 0,
            ["IntranetIp"] = p.IntranetIp,
            ["InternetIp"] = "",
            ["EniInstanceId"] = "eni-" + g.Id[4..],
            ["RestartPolicy"] = s.RestartPolicy,
            ["RamRoleName"] = s.RamRoleName,
            ["DnsPolicy"] = s.DnsPolicy,
            ["SpotStrategy"] = s.SpotStrategy,
            ["SpotPriceLimit"] = s.SpotStrategy == "SpotWithPriceLimit" ? s.SpotPriceLimit : null,
            ["Discount"] = 10,
            ["Tags"] = s.Tags.Select(t => new { t.Key, t.Value }).ToArray(),
            ["HostAliases"] = s.HostAliases.GroupBy(h => h.Key).Select(h => new { Ip = h.Key, Hostnames = h.Select(x => x.Value).ToArray() }).ToArray(),
            ["DnsConfig"] = new { NameServers = s.DnsNameServers, Searches = s.DnsSearches, Options = s.DnsOptions.Select(o => new { Name = o.Key, o.Value }).ToArray() },
            ["Events"] = withEvents ? Events(g) : [],
            ["Containers"] = g.Containers.Select(Container).ToArray(),
            ["InitContainers"] = g.InitContainers.Select(Container).ToArray(),
            ["Volumes"] = s.Volumes.Select(Volume).ToArray(),
        });
    }

    /// <summary>Drops null entries: serializer options skip null properties but not null dictionary values.</summary>
    private static Dictionary<string, object?> Compact(Dictionary<string, object?> view)
    {
        foreach (string key in view.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            view.Remove(key);
        }

        return view;
    }

    public static object[] Events(ContainerGroup g) =>
    [
        .. g.Events.Select(e => new
        {
            e.Count,
            e.Type,
            Name = g.Id,
            e.Reason,
            e.Message,
            FirstTimestamp = WireFormat.Time(e.FirstTimestamp),
            LastTimestamp = WireFormat.Time(e.LastTimestamp),
        }),
    ];

    private static Dictionary<string, object?> Container(ContainerRuntime c)
    {
        ContainerSpec s = c.Spec;
        Dictionary<string, object?> view = new(StringComparer.Ordinal)
        {
            ["Name"] = s.Name,
            ["Image"] = s.Image,
            ["ImagePullPolicy"] = s.ImagePullPolicy,
            ["Cpu"] = s.Cpu,
            ["Memory"] = s.Memory,
            ["Gpu"] = s.Gpu,
            ["WorkingDir"] = s.WorkingDir,
            [c.IsInit ? "Command" : "Commands"] = s.Commands,
            ["Args"] = s.Args,
            ["Ready"] = c.IsRunning,
            ["RestartCount"] = c.RestartCount,
            ["CurrentState"] = State(c.Current),
            ["PreviousState"] = c.Previous is null ? new { } : State(c.Previous),
            ["EnvironmentVars"] = s.Env.Select(e => new
            {
                e.Key,
                e.Value,
                ValueFrom = e.FieldPath is null ? null : new { FieldRef = new { e.FieldPath } },
            }).ToArray(),
            ["Ports"] = s.Ports.Select(p => new { p.Port, p.Protocol }).ToArray(),
            ["VolumeMounts"] = s.VolumeMounts.Select(m => new { m.Name, m.MountPath, m.ReadOnly, m.SubPath, m.MountPropagation }).ToArray(),
            ["SecurityContext"] = new { Capability = new { Adds = s.CapabilityAdds }, s.ReadOnlyRootFilesystem, s.RunAsUser },
        };
        if (!c.IsInit)
        {
            view["Stdin"] = s.Stdin;
            view["StdinOnce"] = s.StdinOnce;
            view["Tty"] = s.Tty;
            view["LivenessProbe"] = Probe(s.LivenessProbe);
            view["ReadinessProbe"] = Probe(s.ReadinessProbe);
        }

        return Compact(view);
    }

    private static object State(ContainerState s) => new
    {
        s.State,
        s.DetailStatus,
        s.Reason,
        s.Message,
        s.ExitCode,
        s.Signal,
        StartTime = WireFormat.Time(s.StartTime),
        FinishTime = WireFormat.Time(s.FinishTime),
    };

    private static object? Probe(ProbeSpec? p) => p is null ? null : new
    {
        p.Execs,
        HttpGet = p.HttpGetPort is null ? null : new { Path = p.HttpGetPath, Port = p.HttpGetPort, Scheme = p.HttpGetScheme ?? "HTTP" },
        TcpSocket = p.TcpSocketPort is null ? null : new { Port = p.TcpSocketPort },
        p.InitialDelaySeconds,
        p.PeriodSeconds,
        p.TimeoutSeconds,
        p.SuccessThreshold,
        p.FailureThreshold,
    };

    private static object Volume(VolumeSpec v) => new
    {
        v.Name,
        v.Type,
        NFSVolumePath = v.NfsPath,
        NFSVolumeServer = v.NfsServer,
        NFSVolumeReadOnly = v.Type == "NFSVolume" ? v.NfsReadOnly : (bool?)null,
        DiskVolumeDiskId = v.DiskId,
        DiskVolumeFsType = v.Type == "DiskVolume" ? v.FsType : null,
        FlexVolumeDriver = v.FlexDriver,
        FlexVolumeFsType = v.Type == "FlexVolume" ? v.FsType : null,
        FlexVolumeOptions = v.FlexOptions,
        EmptyDirVolumeMedium = v.EmptyDirMedium,
        EmptyDirVolumeSizeLimit = v.EmptyDirSizeLimit,
        ConfigFileVolumeConfigFileToPaths = v.ConfigFiles.Select(f => new { Path = f.Key, Content = f.Value }).ToArray(),
    };
}
