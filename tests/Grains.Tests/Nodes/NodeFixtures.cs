using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Tests.Nodes;

/// <summary>Options and node definitions as a real vk.yaml deployment gives them.</summary>
internal static class NodeFixtures
{
    /// <summary>The environment of Alibaba's vk.yaml example (eci-on-kubernetes.md §1), with a downward-API pod IP.</summary>
    public static Dictionary<string, string?> VkYamlEnvironment() => new(StringComparer.Ordinal)
    {
        ["ECI_REGION"] = "cn-beijing",
        ["ALIYUN_CLUSTERID"] = "c-abc123",
        ["ECI_VPC"] = "vpc-2ze0abc",
        ["ECI_VSWITCH"] = "vsw-2ze0e01,vsw-2ze0f01",
        ["ECI_SECURITY_GROUP"] = "sg-2ze0abc",
        ["CLUSTER_TYPE"] = "CLOUD",
        ["WEBHOOK"] = "true",
        ["ECI_KUBE_PROXY"] = "true",
        ["VKUBELET_TAINT_KEY"] = "virtual-kubelet.io/provider",
        ["VKUBELET_TAINT_VALUE"] = "alibabacloud",
        ["VKUBELET_TAINT_EFFECT"] = "NoSchedule",
        ["ECI_QUOTA_CPU"] = "1000000",
        ["ECI_QUOTA_MEMORY"] = "6400Ti",
        ["ECI_QUOTA_POD"] = "10000",
        ["KUBELET_PORT"] = "10250",
        ["VKUBELET_POD_IP"] = "172.20.1.17",
    };

    /// <summary>Valid options made from <see cref="VkYamlEnvironment"/>.</summary>
    public static VirtualKubeletOptions ValidOptions() => new VirtualKubeletOptions().ApplyEnvironment(Lookup(VkYamlEnvironment()));

    /// <summary>Valid options with two nodes, one per zone, as the sandbox runs them.</summary>
    public static VirtualKubeletOptions TwoZoneOptions()
    {
        var options = ValidOptions();
        options.Nodes.Add(new VirtualNodeOptions { Name = "virtual-kubelet-cn-beijing-e", ZoneId = "cn-beijing-e", VSwitchIds = ["vsw-2ze0e01"] });
        options.Nodes.Add(new VirtualNodeOptions { Name = "virtual-kubelet-cn-beijing-f", ZoneId = "cn-beijing-f", VSwitchIds = ["vsw-2ze0f01"] });
        return options;
    }

    /// <summary>The single node of <see cref="TwoZoneOptions"/> in zone e.</summary>
    public static VirtualNodeDefinition ZoneE() => TwoZoneOptions().ResolveNodes()[0];

    /// <summary>An environment lookup over a dictionary, as tests use instead of the process environment.</summary>
    public static Func<string, string?> Lookup(IReadOnlyDictionary<string, string?> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>A fixed instant with a fractional second, to see what precision each field keeps.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 26, 9, 30, 15, 123, TimeSpan.Zero);
}
