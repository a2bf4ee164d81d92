using System.Collections;
using System.Globalization;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

public sealed class PodMapperAnnotationTests
{
    /// <summary>Annotation, value, request property, expected value as text (lists comma-joined).</summary>
    public static TheoryData<string, string, string, string> Effects => new()
    {
        { PodAnnotations.SecurityGroup, "sg-pod", nameof(CreateContainerGroupRequest.SecurityGroupId), "sg-pod" },
        { PodAnnotations.VSwitch, "vsw-a, vsw-b", nameof(CreateContainerGroupRequest.VSwitchIds), "vsw-a,vsw-b" },
        { PodAnnotations.ScheduleStrategy, "VSwitchOrdered", nameof(CreateContainerGroupRequest.ScheduleStrategy), "VSwitchOrdered" },
        { PodAnnotations.ResourceGroupId, "rg-pod", nameof(CreateContainerGroupRequest.ResourceGroupId), "rg-pod" },
        { PodAnnotations.RamRoleName, "AliyunECIContainerGroupRole", nameof(CreateContainerGroupRequest.RamRoleName), "AliyunECIContainerGroupRole" },
        { PodAnnotations.UseSpecs, "2-4Gi,4-8Gi,ecs.c6.xlarge", nameof(CreateContainerGroupRequest.InstanceTypes), "2-4Gi,4-8Gi,ecs.c6.xlarge" },
        { PodAnnotations.ComputeCategory, "economy,general", nameof(CreateContainerGroupRequest.ComputeCategories), "economy,general" },
        { PodAnnotations.SpotStrategy, "SpotAsPriceGo", nameof(CreateContainerGroupRequest.SpotStrategy), "SpotAsPriceGo" },
        { PodAnnotations.CpuOptionCore, "2", nameof(CreateContainerGroupRequest.CpuOptionsCore), "2" },
        { PodAnnotations.CpuOptionHt, "1", nameof(CreateContainerGroupRequest.CpuOptionsThreadsPerCore), "1" },
        { PodAnnotations.GpuDriverVersion, "tesla=525.85.12", nameof(CreateContainerGroupRequest.GpuDriverVersion), "tesla=525.85.12" },
        { PodAnnotations.ExtraEphemeralStorage, "50Gi", nameof(CreateContainerGroupRequest.EphemeralStorage), "50" },
        { PodAnnotations.ExtraEphemeralStorage, "1500Mi", nameof(CreateContainerGroupRequest.EphemeralStorage), "2" },
        { PodAnnotations.MaxPendingMinute, "30", nameof(CreateContainerGroupRequest.MaxPendingMinute), "30" },
        { PodAnnotations.ImageSnapshotId, "imc-old", nameof(CreateContainerGroupRequest.ImageSnapshotId), "imc-old" },
        { PodAnnotations.ImcId, "imc-new", nameof(CreateContainerGroupRequest.ImageSnapshotId), "imc-new" },
        { PodAnnotations.ImageCache, "true", nameof(CreateContainerGroupRequest.AutoMatchImageCache), "True" },
        { PodAnnotations.AutoImc, "false", nameof(CreateContainerGroupRequest.AutoMatchImageCache), "False" },
        { PodAnnotations.InsecureRegistry, "harbor.example.com,192.168.1.1:5000", nameof(CreateContainerGroupRequest.InsecureRegistries), "harbor.example.com,192.168.1.1:5000" },
        { PodAnnotations.PlainHttpRegistry, "reg.example.com:80", nameof(CreateContainerGroupRequest.PlainHttpRegistries), "reg.example.com:80" },
        { PodAnnotations.EipInstanceId, "eip-123", nameof(CreateContainerGroupRequest.EipInstanceId), "eip-123" },
        { PodAnnotations.WithEip, "true", nameof(CreateContainerGroupRequest.AutoCreateEip), "True" },
        { PodAnnotations.EipBandwidth, "5", nameof(CreateContainerGroupRequest.EipBandwidth), "5" },
        { PodAnnotations.EipCommonBandwidthPackageId, "cbwp-1", nameof(CreateContainerGroupRequest.EipCommonBandwidthPackage), "cbwp-1" },
        { PodAnnotations.EipIsp, "BGP_PRO", nameof(CreateContainerGroupRequest.EipIsp), "BGP_PRO" },
        { PodAnnotations.EnableIpv6, "true", nameof(CreateContainerGroupRequest.Ipv6AddressCount), "1" },
        { PodAnnotations.Ipv6Count, "1", nameof(CreateContainerGroupRequest.Ipv6AddressCount), "1" },
        { PodAnnotations.Ipv6BandwidthEnable, "true", nameof(CreateContainerGroupRequest.Ipv6GatewayBandwidthEnable), "True" },
        { PodAnnotations.Ipv6Bandwidth, "100M", nameof(CreateContainerGroupRequest.Ipv6GatewayBandwidth), "100" },
        { PodAnnotations.IngressBandwidth, "40M", nameof(CreateContainerGroupRequest.IngressBandwidth), "320000000" },
        { PodAnnotations.EgressBandwidth, "20MB", nameof(CreateContainerGroupRequest.EgressBandwidth), "160000000" },
        { PodAnnotations.EgressBandwidth, "1000", nameof(CreateContainerGroupRequest.EgressBandwidth), "8000" },
        { PodAnnotations.CorePattern, "/pod/data/dump/core", nameof(CreateContainerGroupRequest.CorePattern), "/pod/data/dump/core" },
        { PodAnnotations.NtpServer, "100.100.5.1,100.100.5.2", nameof(CreateContainerGroupRequest.NtpServers), "100.100.5.1,100.100.5.2" },
        { PodAnnotations.PrivateIpAddress, "172.16.0.1", nameof(CreateContainerGroupRequest.PrivateIpAddress), "172.16.0.1" },
        { PodAnnotations.FixedIp, "true", nameof(CreateContainerGroupRequest.FixedIp), "True" },
        { PodAnnotations.FixedIpRetainHour, "24", nameof(CreateContainerGroupRequest.FixedIpRetainHour), "24" },
        { PodAnnotations.DataCacheBucket, "default", nameof(CreateContainerGroupRequest.DataCacheBucket), "default" },
        { PodAnnotations.DataCachePl, "PL2", nameof(CreateContainerGroupRequest.DataCachePL), "PL2" },
        { PodAnnotations.DataCacheProvisionedIops, "40000", nameof(CreateContainerGroupRequest.DataCacheProvisionedIops), "40000" },
        { PodAnnotations.DataCacheBurstingEnabled, "true", nameof(CreateContainerGroupRequest.DataCacheBurstingEnabled), "True" },
    };

    [Theory]
    [MemberData(nameof(Effects))]
    public void Map_Annotation_SetsRequestParameter(string annotation, string value, string property, string expected)
    {
        Mapped mapped = PodFixtures.Map(PodFixtures.Annotated(annotation, value));

        object? actual = typeof(CreateContainerGroupRequest).GetProperty(property)!.GetValue(mapped.Request);
        Assert.True(expected == Render(actual), $"Pod default/web with {annotation}=\"{value}\": expected {property} = {expected}, got {Render(actual)}.");
    }

    /// <summary>Annotation and a malformed value: the pod is Unsupported with InvalidAnnotation.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { PodAnnotations.SecurityGroup, "sg-a,,sg-b" },
        { PodAnnotations.SecurityGroup, "sg-1,sg-2,sg-3,sg-4,sg-5,sg-6" },
        { PodAnnotations.VSwitch, "vsw a" },
        { PodAnnotations.VSwitch, string.Join(',', Enumerable.Range(1, 11).Select(i => $"vsw-{i}")) },
        { PodAnnotations.ScheduleStrategy, "Random" },
        { PodAnnotations.ResourceGroupId, "rg 1" },
        { PodAnnotations.RamRoleName, "role with spaces" },
        { PodAnnotations.UseSpecs, "2-" },
        { PodAnnotations.UseSpecs, "2-4G" },
        { PodAnnotations.UseSpecs, "1-2Gi,2-4Gi,4-8Gi,8-16Gi,16-32Gi,32-64Gi" },
        { PodAnnotations.ComputeCategory, "cheap" },
        { PodAnnotations.InstanceFamily, "c6" },
        { PodAnnotations.InstanceGeneration, "six" },
        { PodAnnotations.PrivatePoolMatchCriteria, "Any" },
        { PodAnnotations.SpotStrategy, "Spot" },
        { PodAnnotations.SpotPriceLimit, "abc" },
        { PodAnnotations.SpotPriceLimit, "0.12345" },
        { PodAnnotations.SpotPriceLimit, "-1" },
        { PodAnnotations.SpotDuration, "one" },
        { PodAnnotations.SpotFallback, "yes" },
        { PodAnnotations.SpotReleaseStrategy, "evict" },
        { PodAnnotations.CpuOptionCore, "0" },
        { PodAnnotations.CpuOptionHt, "3" },
        { PodAnnotations.GpuDriverVersion, "535" },
        { PodAnnotations.ExtraEphemeralStorage, "lots" },
        { PodAnnotations.ExtraEphemeralStorage, "0" },
        { PodAnnotations.MaxPendingMinute, "5" },
        { PodAnnotations.MaxPendingMinute, "2000" },
        { PodAnnotations.FailStrategy, "fail-slow" },
        { PodAnnotations.RescheduleEnable, "1" },
        { PodAnnotations.PodFailOnCreateErr, "yes" },
        { PodAnnotations.ImageSnapshotId, "imc 1" },
        { PodAnnotations.ImcId, "imc/1" },
        { PodAnnotations.ImageCache, "on" },
        { PodAnnotations.AutoImc, "on" },
        { PodAnnotations.ImcPerfectMatch, "maybe" },
        { PodAnnotations.ImcMatchCountRequest, "many" },
        { PodAnnotations.AcrInstanceId, "acr-1" },
        { PodAnnotations.AcrInstanceIds, "cn-beijing:cri-1:x" },
        { PodAnnotations.AcrServiceArns, "arn:role" },
        { PodAnnotations.AcrUserArns, "acs:ram::x:role/a" },
        { PodAnnotations.InsecureRegistry, "https://harbor.example.com" },
        { PodAnnotations.PlainHttpRegistry, "reg.example.com:port" },
        { PodAnnotations.EipInstanceId, "eip 1" },
        { PodAnnotations.WithEip, "sure" },
        { PodAnnotations.EipBandwidth, "-1" },
        { PodAnnotations.EipBandwidth, "5M" },
        { PodAnnotations.EipCommonBandwidthPackageId, "cbwp 1" },
        { PodAnnotations.EipIsp, "CMCC" },
        { PodAnnotations.EipInternetChargeType, "Free" },
        { PodAnnotations.EnableIpv6, "2" },
        { PodAnnotations.Ipv6Count, "2" },
        { PodAnnotations.Ipv6BandwidthEnable, "y" },
        { PodAnnotations.Ipv6Bandwidth, "5000" },
        { PodAnnotations.IngressBandwidth, "fast" },
        { PodAnnotations.IngressBandwidth, "40Mi" },
        { PodAnnotations.EgressBandwidth, "-20M" },
        { PodAnnotations.CorePattern, "|/usr/bin/dump" },
        { PodAnnotations.NtpServer, "ntp.aliyun.com" },
        { PodAnnotations.PrivateIpAddress, "fe80::1" },
        { PodAnnotations.PrivateIpAddress, "172.16.0.300" },
        { PodAnnotations.FixedIp, "fixed" },
        { PodAnnotations.FixedIpRetainHour, "0" },
        { PodAnnotations.CustomDnsConfig, "nameservers=1.1.1.1" },
        { PodAnnotations.CustomDnsConfig, "{\"nameservers\":\"dns.example.com\"}" },
        { PodAnnotations.CustomHosts, "{\"host\":\"a.com\",\"ip\":\"1.2.3.4\"}" },
        { PodAnnotations.CustomHosts, "[{\"host\":\"a.com\",\"ip\":\"not-an-ip\"}]" },
        { PodAnnotations.HostSysctls, "[{\"name\":\"kernel.msgmax\"}]" },
        { PodAnnotations.CustomTags, "env" },
        { PodAnnotations.CustomTags, "a:1,b:2,c:3,d:4" },
        { PodAnnotations.CustomTags, "aliyun-x:1" },
        { PodAnnotations.DataCachePl, "PL9" },
        { PodAnnotations.DataCacheProvisionedIops, "60000" },
        { PodAnnotations.DataCacheBurstingEnabled, "burst" },
        { PodAnnotations.EvictionEnable, "y" },
        { PodAnnotations.SlsEnable, "off" },
        { PodAnnotations.KubeProxyEnabled, "enabled" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Map_MalformedAnnotation_IsInvalidAnnotationNamingIt(string annotation, string value)
    {
        Unsupported result = PodFixtures.Fail<Unsupported>(PodFixtures.Annotated(annotation, value));

        Assert.True(result.Reason == MappingReasons.InvalidAnnotation, $"Pod default/web with {annotation}=\"{value}\": expected reason InvalidAnnotation, got {result.Reason}.");
        Assert.True(result.Message.Contains(annotation, StringComparison.Ordinal) && result.Message.Contains(value.Trim(), StringComparison.Ordinal) && result.Message.Contains("expected", StringComparison.Ordinal),
            $"Pod default/web: expected the message to name {annotation}, the value \"{value}\" and the accepted format, got: {result.Message}");
    }

    [Fact]
    public void Map_NoAnnotations_UsesNodeDefaults()
    {
        Mapped mapped = PodFixtures.Map(PodFixtures.Simple());

        Assert.Equal("sg-node", mapped.Request.SecurityGroupId);
        Assert.Equal(["vsw-node"], mapped.Request.VSwitchIds);
        Assert.Equal("cn-beijing", mapped.Request.RegionId);
        Assert.Equal("token-uid-1", mapped.Request.ClientToken);
        Assert.Equal("default-web", mapped.Request.ContainerGroupName);
        Assert.Null(mapped.Request.InstanceTypes);
        Assert.Null(mapped.Request.Cpu);
        Assert.Equal(PodCreationPolicy.Default, mapped.Policy);
    }

    [Fact]
    public void Map_SpotWithPriceLimit_SetsStrategyLimitAndDuration()
    {
        var pod = PodFixtures.Simple();
        pod.Metadata.Annotations[PodAnnotations.SpotStrategy] = "SpotWithPriceLimit";
        pod.Metadata.Annotations[PodAnnotations.SpotPriceLimit] = "0.25";
        pod.Metadata.Annotations[PodAnnotations.SpotDuration] = "0";

        CreateContainerGroupRequest request = PodFixtures.Map(pod).Request;

        Assert.Equal(("SpotWithPriceLimit", 0.25, 0L), (request.SpotStrategy, request.SpotPriceLimit!.Value, request.SpotDuration!.Value));
    }

    [Fact]
    public void Map_SpotWithPriceLimitWithoutLimit_IsInvalidAnnotation()
    {
        Unsupported result = PodFixtures.Fail<Unsupported>(PodFixtures.Annotated(PodAnnotations.SpotStrategy, "SpotWithPriceLimit"));

        Assert.Contains(PodAnnotations.SpotPriceLimit, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_PriceLimitWithoutSpotWithPriceLimit_IsNotAppliedAndNoted()
    {
        Mapped mapped = PodFixtures.Map(PodFixtures.Annotated(PodAnnotations.SpotPriceLimit, "0.5"));

        Assert.Null(mapped.Request.SpotPriceLimit);
        Assert.Contains(mapped.Notes, n => n.Message.Contains(PodAnnotations.SpotPriceLimit, StringComparison.Ordinal));
    }

    [Fact]
    public void Map_UseSpecs_ReplacesPodLevelCpuAndMemory()
    {
        var pod = PodFixtures.Annotated(PodAnnotations.UseSpecs, "2-4Gi");
        pod.Spec.Resources = new k8s.Models.V1ResourceRequirements { Requests = new Dictionary<string, k8s.Models.ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("1Gi") } };

        CreateContainerGroupRequest request = PodFixtures.Map(pod).Request;

        Assert.Equal(["2-4Gi"], request.InstanceTypes);
        Assert.True(request.Cpu is null && request.Memory is null, $"Pod default/web with eci-use-specs: expected no group Cpu/Memory, got {request.Cpu}/{request.Memory}.");
    }

    [Fact]
    public void Map_SeveralSecurityGroups_AppliesFirstAndNotesTheRest()
    {
        Mapped mapped = PodFixtures.Map(PodFixtures.Annotated(PodAnnotations.SecurityGroup, "sg-a,sg-b"));

        Assert.Equal("sg-a", mapped.Request.SecurityGroupId);
        Assert.Contains(mapped.Notes, n => n.Message.Contains("sg-a", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_AcrInstanceIds_WithRegionAndArns_SetsRegistryInfos()
    {
        var pod = PodFixtures.Annotated(PodAnnotations.AcrInstanceIds, "cri-a,cn-hangzhou:cri-b");
        pod.Metadata.Annotations[PodAnnotations.AcrServiceArns] = "acs:ram::123:role/pull";
        pod.Metadata.Annotations[PodAnnotations.AcrInstanceId] = "cri-ignored";

        IReadOnlyList<AcrRegistryInfo> infos = PodFixtures.Map(pod).Request.AcrRegistryInfos!;

        Assert.Equal(2, infos.Count);
        Assert.Equal(("cri-a", null, "acs:ram::123:role/pull"), (infos[0].InstanceId, infos[0].RegionId, infos[0].ArnService));
        Assert.Equal(("cri-b", "cn-hangzhou"), (infos[1].InstanceId, infos[1].RegionId));
    }

    [Fact]
    public void Map_LegacyAcrInstanceId_SetsRegistryInfo()
    {
        IReadOnlyList<AcrRegistryInfo> infos = PodFixtures.Map(PodFixtures.Annotated(PodAnnotations.AcrInstanceId, "cri-old")).Request.AcrRegistryInfos!;

        Assert.Equal("cri-old", Assert.Single(infos).InstanceId);
    }

    [Fact]
    public void Map_NewerImageCacheName_WinsOverOlder()
    {
        var pod = PodFixtures.Annotated(PodAnnotations.ImageSnapshotId, "imc-old");
        pod.Metadata.Annotations[PodAnnotations.ImcId] = "imc-new";

        Assert.Equal("imc-new", PodFixtures.Map(pod).Request.ImageSnapshotId);
    }

    [Fact]
    public void Map_CustomTags_AppendedToIdentifyingTags()
    {
        IReadOnlyList<Tag> tags = PodFixtures.Map(PodFixtures.Annotated(PodAnnotations.CustomTags, "env:test,name:alice")).Request.Tags!;

        Assert.Equal(7, tags.Count);
        Assert.Equal("uid-1", ContainerGroupTags.Find(tags, ContainerGroupTags.Uid));
        Assert.Equal("c-test", ContainerGroupTags.Find(tags, ContainerGroupTags.Cluster));
        Assert.Equal("virtual-kubelet-cn-beijing-e", ContainerGroupTags.Find(tags, ContainerGroupTags.Node));
        Assert.Equal("test", ContainerGroupTags.Find(tags, "env"));
        Assert.Equal("alice", ContainerGroupTags.Find(tags, "name"));
    }

    [Fact]
    public void Map_CustomDnsConfig_SetsDnsConfig()
    {
        var pod = PodFixtures.Annotated(PodAnnotations.CustomDnsConfig, "{\"nameservers\":\"1.1.1.1,8.8.8.8\",\"searches\":\"x.com\",\"options\":\"ndots:2,edns0\"}");
        pod.Spec.DnsPolicy = "Default";

        DnsConfig dns = PodFixtures.Map(pod).Request.DnsConfig!;

        Assert.Equal(["1.1.1.1", "8.8.8.8"], dns.NameServers);
        Assert.Equal(["x.com"], dns.Searches);
        Assert.Equal([("ndots", "2"), ("edns0", null)], dns.Options!.Select(o => (o.Name, o.Value)));
    }

    [Fact]
    public void Map_CustomHosts_MergedWithHostAliases()
    {
        var pod = PodFixtures.Annotated(PodAnnotations.CustomHosts, "[{\"host\":\"a.com\",\"ip\":\"1.2.3.4\"},{\"host\":\"b.com\",\"ip\":\"5.6.7.8\"}]");
        pod.Spec.HostAliases = [new k8s.Models.V1HostAlias { Ip = "1.2.3.4", Hostnames = ["spec.com"] }];

        IReadOnlyList<HostAlias> aliases = PodFixtures.Map(pod).Request.HostAliases!;

        Assert.Equal(["spec.com", "a.com"], aliases.Single(a => a.Ip == "1.2.3.4").Hostnames);
        Assert.Equal(["b.com"], aliases.Single(a => a.Ip == "5.6.7.8").Hostnames);
    }

    [Fact]
    public void Map_HostSysctls_SetsHostSecurityContext()
    {
        PodSecurityContext host = PodFixtures.Map(PodFixtures.Annotated(PodAnnotations.HostSysctls, "[{\"name\":\"kernel.msgmax\",\"value\":\"65536\"}]")).Request.HostSecurityContext!;

        Assert.Equal(new Sysctl("kernel.msgmax", "65536"), Assert.Single(host.Sysctls!));
    }

    [Theory]
    [InlineData(PodAnnotations.FailStrategy, "fail-fast", CreateFailStrategy.FailFast)]
    [InlineData(PodAnnotations.FailStrategy, "fail-over", CreateFailStrategy.FailBack)]
    [InlineData(PodAnnotations.PodFailOnCreateErr, "true", CreateFailStrategy.FailFast)]
    [InlineData(PodAnnotations.RescheduleEnable, "true", CreateFailStrategy.Reschedule)]
    [InlineData(PodAnnotations.RescheduleEnable, "false", CreateFailStrategy.FailBack)]
    public void Map_FailureAnnotations_SetPolicy(string annotation, string value, CreateFailStrategy expected)
    {
        Mapped mapped = PodFixtures.Map(PodFixtures.Annotated(annotation, value));

        Assert.True(expected == mapped.Policy.FailStrategy, $"Pod default/web with {annotation}=\"{value}\": expected {expected}, got {mapped.Policy.FailStrategy}.");
    }

    [Fact]
    public void Map_SpotFallbackAndApiEvict_SetPolicy()
    {
        var pod = PodFixtures.Annotated(PodAnnotations.SpotFallback, "true");
        pod.Metadata.Annotations[PodAnnotations.SpotReleaseStrategy] = "api-evict";

        Assert.Equal(new PodCreationPolicy(CreateFailStrategy.FailBack, true, true), PodFixtures.Map(pod).Policy);
    }

    [Theory]
    [InlineData(PodAnnotations.InstanceFamily, "ecs.c6,-ecs.hfg5")]
    [InlineData(PodAnnotations.InstanceGeneration, "6,5")]
    [InlineData(PodAnnotations.EipInternetChargeType, "PayByTraffic")]
    [InlineData(PodAnnotations.EipPublicIpAddressPoolId, "pippool-1")]
    [InlineData(PodAnnotations.PrivatePoolMatchCriteria, "Open")]
    [InlineData(PodAnnotations.ImcPerfectMatch, "true")]
    [InlineData(PodAnnotations.EvictionEnable, "true")]
    [InlineData(PodAnnotations.SlsEnable, "false")]
    [InlineData(PodAnnotations.WaitClusterIpReady, "*")]
    [InlineData(PodAnnotations.EphemeralStorageOptions, "{\"encrypted\":\"true\"}")]
    [InlineData(PodAnnotations.SpotDuration, "2")]
    public void Map_AnnotationWithoutParameter_IsNotedAsNotApplied(string annotation, string value)
    {
        Mapped mapped = PodFixtures.Map(PodFixtures.Annotated(annotation, value));

        Assert.True(mapped.Notes.Any(n => n.Reason == MappingNote.NotApplied && n.Message.Contains(annotation, StringComparison.Ordinal)),
            $"Pod default/web with {annotation}: expected a NotApplied note naming it, got [{string.Join("; ", mapped.Notes.Select(n => n.Message))}].");
    }

    private static string Render(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable list => string.Join(',', list.Cast<object>().Select(Render)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
