using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Tests.Nodes;

public sealed class VirtualKubeletOptionsValidatorTests
{
    [Fact]
    public void Validate_VkYamlEnvironment_Succeeds()
    {
        var result = new VirtualKubeletOptionsValidator().Validate(null, NodeFixtures.ValidOptions());

        Assert.True(result.Succeeded, "Expected vk.yaml's example environment to be valid, got: " + result.FailureMessage);
    }

    [Fact]
    public void Validate_TwoZoneNodes_Succeeds()
    {
        var result = new VirtualKubeletOptionsValidator().Validate(null, NodeFixtures.TwoZoneOptions());

        Assert.True(result.Succeeded, "Expected two nodes with their own vSwitches and zones to be valid, got: " + result.FailureMessage);
    }

    [Theory]
    [InlineData("ECI_REGION", null, "VirtualKubelet:RegionId is empty. Set ECI_REGION (e.g. cn-beijing).")]
    [InlineData("ECI_REGION", "Beijing", "VirtualKubelet:RegionId 'Beijing' is not a region id. Set ECI_REGION to one like cn-beijing.")]
    [InlineData("ALIYUN_CLUSTERID", null, "VirtualKubelet:ClusterId is empty. Set ALIYUN_CLUSTERID to the cluster's id, unique in the account (e.g. c-abc123); it tags every container group.")]
    [InlineData("ALIYUN_CLUSTERID", "c-abc 123", "VirtualKubelet:ClusterId 'c-abc 123' is not usable as an ECI tag value (at most 128 characters, no spaces). Set ALIYUN_CLUSTERID to a short id like c-abc123.")]
    [InlineData("ECI_VPC", "2ze0abc", "VirtualKubelet:VpcId '2ze0abc' is not a VPC id. Set ECI_VPC to one like vpc-2ze0abc, or leave it unset (ECI derives it from the vSwitch).")]
    [InlineData("ECI_VSWITCH", null, "VirtualKubelet:VSwitchIds is empty. Set ECI_VSWITCH to the pods' vSwitches (e.g. vsw-a,vsw-b).")]
    [InlineData("ECI_VSWITCH", "vsw-a,subnet-b", "VirtualKubelet:VSwitchIds (ECI_VSWITCH) has 'subnet-b', which is not a vSwitch id. Use ids like vsw-2ze0abc.")]
    [InlineData("ECI_VSWITCH", "vsw-a,vsw-a", "VirtualKubelet:VSwitchIds (ECI_VSWITCH) lists 'vsw-a' twice. List each vSwitch once, in the order pods should try them.")]
    [InlineData("ECI_SECURITY_GROUP", null, "VirtualKubelet:SecurityGroupId is empty. Set ECI_SECURITY_GROUP to the pods' security group (e.g. sg-2ze0abc).")]
    [InlineData("ECI_SECURITY_GROUP", "default", "VirtualKubelet:SecurityGroupId 'default' is not a security group id. Set ECI_SECURITY_GROUP to one like sg-2ze0abc.")]
    [InlineData("CLUSTER_TYPE", "EDGE", "VirtualKubelet:ClusterType 'EDGE' is neither CLOUD nor IDC. Set CLUSTER_TYPE to CLOUD (a cluster on ECS) or IDC (on-premises, hybrid).")]
    [InlineData("VKUBELET_TAINT_KEY", "virtual kubelet", "VirtualKubelet:Taint:Key 'virtual kubelet' is not a qualified name (an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit). Set VKUBELET_TAINT_KEY to e.g. virtual-kubelet.io/provider.")]
    [InlineData("VKUBELET_TAINT_KEY", "Virtual_Kubelet.io/provider", "VirtualKubelet:Taint:Key 'Virtual_Kubelet.io/provider' has a prefix that is not a DNS subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit). Set VKUBELET_TAINT_KEY to e.g. virtual-kubelet.io/provider.")]
    [InlineData("VKUBELET_TAINT_VALUE", "alibaba cloud", "VirtualKubelet:Taint:Value 'alibaba cloud' is not a label value (letters, digits, '-', '_' or '.', starting and ending with a letter or digit). Set VKUBELET_TAINT_VALUE to e.g. alibabacloud.")]
    [InlineData("VKUBELET_TAINT_EFFECT", "NoEntry", "VirtualKubelet:Taint:Effect 'NoEntry' is not a taint effect. Set VKUBELET_TAINT_EFFECT to NoSchedule, PreferNoSchedule or NoExecute.")]
    [InlineData("VKUBELET_TAINT_EFFECT", "noschedule", "VirtualKubelet:Taint:Effect 'noschedule' is not a taint effect. Set VKUBELET_TAINT_EFFECT to NoSchedule, PreferNoSchedule or NoExecute.")]
    [InlineData("ECI_QUOTA_CPU", "lots", "ECI_QUOTA_CPU='lots' is not a Kubernetes quantity. Use e.g. 1000000 (VirtualKubelet:QuotaCpu).")]
    [InlineData("ECI_QUOTA_CPU", "-4", "ECI_QUOTA_CPU='-4' is negative. Use e.g. 1000000 (VirtualKubelet:QuotaCpu).")]
    [InlineData("ECI_QUOTA_CPU", "1e400", "ECI_QUOTA_CPU='1e400' is not a Kubernetes quantity. Use e.g. 1000000 (VirtualKubelet:QuotaCpu).")]
    [InlineData("ECI_QUOTA_MEMORY", "6400TB", "ECI_QUOTA_MEMORY='6400TB' is not a Kubernetes quantity. Use e.g. 6400Ti (VirtualKubelet:QuotaMemory).")]
    [InlineData("ECI_QUOTA_MEMORY", "1.5.5Gi", "ECI_QUOTA_MEMORY='1.5.5Gi' is not a Kubernetes quantity. Use e.g. 6400Ti (VirtualKubelet:QuotaMemory).")]
    [InlineData("ECI_QUOTA_POD", "ten thousand", "ECI_QUOTA_POD='ten thousand' is not a Kubernetes quantity. Use e.g. 10000 (VirtualKubelet:QuotaPods).")]
    [InlineData("ECI_QUOTA_POD", "1500m", "ECI_QUOTA_POD='1500m' is not a whole number. Use e.g. 10000 (VirtualKubelet:QuotaPods).")]
    [InlineData("ECI_QUOTA_EPHEMERAL_STORAGE", "big", "ECI_QUOTA_EPHEMERAL_STORAGE='big' is not a Kubernetes quantity. Use e.g. 60000Gi (VirtualKubelet:QuotaEphemeralStorage).")]
    [InlineData("KUBELET_PORT", "0", "VirtualKubelet:KubeletPort is 0. Set KUBELET_PORT to a port from 1 to 65535 (the kubelet's is 10250).")]
    [InlineData("KUBELET_PORT", "65536", "VirtualKubelet:KubeletPort is 65536. Set KUBELET_PORT to a port from 1 to 65535 (the kubelet's is 10250).")]
    [InlineData("VKUBELET_POD_IP", null, "VirtualKubelet:PodIp is empty. Set VKUBELET_POD_IP from the downward API (valueFrom.fieldRef.fieldPath: status.podIP); it is every node's InternalIP, where the API server reaches the kubelet API.")]
    [InlineData("VKUBELET_POD_IP", "pod-ip", "VirtualKubelet:PodIp 'pod-ip' is not an IP address. Set VKUBELET_POD_IP from the downward API (status.podIP).")]
    [InlineData("VKUBELET_POD_IP", "10.0.0.256", "VirtualKubelet:PodIp '10.0.0.256' is not an IP address. Set VKUBELET_POD_IP from the downward API (status.podIP).")]
    [InlineData("VKUBELET_NODE_NAME", "Virtual_Kubelet", "VirtualKubelet:NodeName 'Virtual_Kubelet' is not a DNS subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit). Set VKUBELET_NODE_NAME to e.g. virtual-kubelet.")]
    [InlineData("VKUBELET_NODE_NAME", "virtual-kubelet-", "VirtualKubelet:NodeName 'virtual-kubelet-' is not a DNS subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit). Set VKUBELET_NODE_NAME to e.g. virtual-kubelet.")]
    [InlineData("VKUBELET_NODE_NAME", "virtual-kubelet-cn-beijing-e-with-a-name-far-too-long-for-a-hostname-label", "VirtualKubelet:NodeName 'virtual-kubelet-cn-beijing-e-with-a-name-far-too-long-for-a-hostname-label' is longer than 63 characters, the limit of its kubernetes.io/hostname label. Set VKUBELET_NODE_NAME to e.g. virtual-kubelet.")]
    public void Validate_MalformedVariable_SaysWhatToSet(string variable, string? value, string expected)
    {
        var environment = NodeFixtures.VkYamlEnvironment();
        environment[variable] = value;

        var result = new VirtualKubeletOptionsValidator().Validate(null, new VirtualKubeletOptions().ApplyEnvironment(NodeFixtures.Lookup(environment)));

        Assert.True(result.Failed, $"Expected {variable}='{value}' to fail validation.");
        Assert.Equal([expected], result.Failures);
    }

    [Theory]
    [InlineData("IDC")]
    [InlineData("idc")]
    [InlineData("cloud")]
    public void Validate_ClusterTypeInAnyCase_Succeeds(string clusterType)
    {
        var options = NodeFixtures.ValidOptions();
        options.ClusterType = clusterType;

        var result = new VirtualKubeletOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, $"Expected CLUSTER_TYPE={clusterType} to be valid, got: {result.FailureMessage}");
        Assert.Equal(clusterType.Equals("idc", StringComparison.OrdinalIgnoreCase), options.IsHybrid);
    }

    [Fact]
    public void Validate_BadTimingsAndVersion_ExplainsEachFix()
    {
        var options = NodeFixtures.ValidOptions();
        options.LeaseDuration = TimeSpan.FromMilliseconds(500);
        options.LeaseRenewInterval = TimeSpan.FromSeconds(1);
        options.StatusUpdateInterval = TimeSpan.Zero;
        options.AccountQuotaShrinkThreshold = 1.5;
        options.KubeletVersion = "1.30";
        options.Architecture = "x86_64";

        var failures = new VirtualKubeletOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Equal(
        [
            "VirtualKubelet:KubeletVersion '1.30' is not vMAJOR.MINOR.PATCH[-suffix], which kubectl and version-skew checks parse. Use e.g. v1.30.0-orleans-eci.",
            "VirtualKubelet:Architecture 'x86_64' is not amd64 or arm64 (Go's GOARCH names, as kubernetes.io/arch uses them).",
            "VirtualKubelet:LeaseDuration is 00:00:00.5000000; it must be at least 1 s (leaseDurationSeconds is whole seconds). Use e.g. 00:00:40, the kubelet's.",
            "VirtualKubelet:LeaseRenewInterval is 00:00:01; it must be positive and shorter than VirtualKubelet:LeaseDuration (00:00:00.5000000), or the lease lapses between renewals. Use a quarter of the duration, e.g. 00:00:10.",
            "VirtualKubelet:StatusUpdateInterval is 00:00:00; it must be positive. Use e.g. 00:01:00.",
            "VirtualKubelet:AccountQuotaShrinkThreshold is 1.5. Use a fraction from 0 to 1, e.g. 0.9 (shrink allocatable CPU once 90 % of the account's vCPU quota is used).",
        ], failures);
    }

    [Fact]
    public void Validate_RenewIntervalEqualToDuration_IsRefused()
    {
        var options = NodeFixtures.ValidOptions();
        options.LeaseRenewInterval = options.LeaseDuration;

        var message = new VirtualKubeletOptionsValidator().Validate(null, options).FailureMessage ?? "";

        Assert.Contains("VirtualKubelet:LeaseRenewInterval is 00:00:40; it must be positive and shorter than VirtualKubelet:LeaseDuration (00:00:40)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NodeListProblems_NameEachNodeAndFix()
    {
        var options = NodeFixtures.ValidOptions();
        options.VSwitchIds = [];
        options.Nodes.Add(new VirtualNodeOptions { Name = "virtual-kubelet-cn-beijing-e", ZoneId = "cn-beijing-e", VSwitchIds = ["vsw-e1", "vsw-shared"] });
        options.Nodes.Add(new VirtualNodeOptions { Name = "virtual-kubelet-cn-beijing-e", VSwitchIds = ["vsw-e2"] });
        options.Nodes.Add(new VirtualNodeOptions { Name = "Zone_F", ZoneId = "cn-hangzhou-f", VSwitchIds = ["vsw-shared"] });
        options.Nodes.Add(new VirtualNodeOptions { Name = "" });

        var failures = new VirtualKubeletOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Equal(
        [
            "VirtualKubelet:Nodes lists the node 'virtual-kubelet-cn-beijing-e' twice (entries 0 and 1). Give each node its own name.",
            "VirtualKubelet:Nodes:2:Name 'Zone_F' is not a DNS subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit). Use e.g. virtual-kubelet-cn-beijing-e.",
            "The vSwitch 'vsw-shared' belongs to both node 'virtual-kubelet-cn-beijing-e' and node 'Zone_F' (a node without VSwitchIds uses ECI_VSWITCH). Give each vSwitch to one node, so each node's pods land in its own zone.",
            "VirtualKubelet:Nodes:2:ZoneId 'cn-hangzhou-f' is not a zone of the region 'cn-beijing'. Use one like cn-beijing-e, or leave it empty when the node's vSwitches span zones.",
            "VirtualKubelet:Nodes:3:Name is empty. Use e.g. virtual-kubelet-cn-beijing-e.",
            "VirtualKubelet:Nodes:3 ('') has no vSwitch. List its VSwitchIds, or set ECI_VSWITCH for nodes that list none.",
        ], failures);
    }

    [Fact]
    public void Validate_TwoNodesFallingBackToTheSameEnvironmentVSwitches_IsRefused()
    {
        var options = NodeFixtures.ValidOptions();
        options.Nodes.Add(new VirtualNodeOptions { Name = "vk-a" });
        options.Nodes.Add(new VirtualNodeOptions { Name = "vk-b" });

        var failures = new VirtualKubeletOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Equal(2, failures.Count(f => f.StartsWith("The vSwitch 'vsw-2ze0", StringComparison.Ordinal) && f.Contains("node 'vk-a' and node 'vk-b'", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_NodeOverridesMalformed_ExplainEachFix()
    {
        var options = NodeFixtures.TwoZoneOptions();
        var node = options.Nodes[0];
        node.Taint = new NodeTaintOptions { Key = "", Value = new string('v', 64), Effect = "Evict" };
        node.Capacity = new NodeCapacityOptions { Cpu = "lots", Memory = "-1Gi", Pods = "2.5", EphemeralStorage = "Gi" };
        node.Labels["kubernetes.io/hostname"] = "other";
        node.Labels["bad key!"] = "x";
        node.Labels["example.com/team"] = "batch jobs";

        var failures = new VirtualKubeletOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Equal(
        [
            "VirtualKubelet:Nodes:0:Taint:Key is empty. Use e.g. virtual-kubelet.io/provider.",
            "VirtualKubelet:Nodes:0:Taint:Value '" + new string('v', 64) + "' is longer than 63 characters. Use e.g. alibabacloud.",
            "VirtualKubelet:Nodes:0:Taint:Effect 'Evict' is not a taint effect. Use NoSchedule, PreferNoSchedule or NoExecute.",
            "VirtualKubelet:Nodes:0:Capacity:Cpu='lots' is not a Kubernetes quantity. Use e.g. 1000000.",
            "VirtualKubelet:Nodes:0:Capacity:Memory='-1Gi' is negative. Use e.g. 6400Ti.",
            "VirtualKubelet:Nodes:0:Capacity:Pods='2.5' is not a whole number. Use e.g. 10000.",
            "VirtualKubelet:Nodes:0:Capacity:EphemeralStorage='Gi' is not a Kubernetes quantity. Use e.g. 60000Gi.",
            "VirtualKubelet:Nodes:0:Labels: 'kubernetes.io/hostname' is set from the node itself (its name, region, zone, OS or architecture). Remove it from the labels.",
            "VirtualKubelet:Nodes:0:Labels: the key 'bad key!' is not a qualified name (an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit). Use e.g. example.com/team.",
            "VirtualKubelet:Nodes:0:Labels:example.com/team = 'batch jobs' is not a label value (letters, digits, '-', '_' or '.', starting and ending with a letter or digit).",
        ], failures);
    }

    [Fact]
    public void Validate_NodeListGiven_IgnoresTheUnusedEnvironmentNodeName()
    {
        var options = NodeFixtures.TwoZoneOptions();
        options.NodeName = "Not_Used";

        var result = new VirtualKubeletOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, "VKUBELET_NODE_NAME names the environment's single node only; with a node list it is unused. Got: " + result.FailureMessage);
    }
}
