using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Tests.Nodes;

public sealed class VirtualKubeletOptionsTests
{
    [Fact]
    public void ApplyEnvironment_VkYamlVariables_SetsEverySetting()
    {
        var options = NodeFixtures.ValidOptions();

        Assert.Equal("cn-beijing", options.RegionId);
        Assert.Equal("c-abc123", options.ClusterId);
        Assert.Equal("vpc-2ze0abc", options.VpcId);
        Assert.Equal(["vsw-2ze0e01", "vsw-2ze0f01"], options.VSwitchIds);
        Assert.Equal("sg-2ze0abc", options.SecurityGroupId);
        Assert.Equal("CLOUD", options.ClusterType);
        Assert.False(options.IsHybrid, "CLUSTER_TYPE=CLOUD is not hybrid.");
        Assert.True(options.EnableWebhook, "WEBHOOK=true should enable the webhook.");
        Assert.True(options.EnableKubeProxy, "ECI_KUBE_PROXY=true should enable kube-proxy semantics.");
        Assert.Equal(("virtual-kubelet.io/provider", "alibabacloud", "NoSchedule"), (options.Taint.Key, options.Taint.Value, options.Taint.Effect));
        Assert.Equal(("1000000", "6400Ti", "10000"), (options.QuotaCpu, options.QuotaMemory, options.QuotaPods));
        Assert.Equal(10250, options.KubeletPort);
        Assert.Equal("172.20.1.17", options.PodIp);
        Assert.Equal("virtual-kubelet", options.NodeName);
        Assert.Empty(options.EnvironmentErrors);
    }

    [Fact]
    public void ApplyEnvironment_NothingSet_KeepsVkYamlDefaults()
    {
        var options = new VirtualKubeletOptions().ApplyEnvironment(_ => null);

        Assert.Equal(("virtual-kubelet.io/provider", "alibabacloud", "NoSchedule"), (options.Taint.Key, options.Taint.Value, options.Taint.Effect));
        Assert.Equal(("1000000", "6400Ti", "10000", "60000Gi"), (options.QuotaCpu, options.QuotaMemory, options.QuotaPods, options.QuotaEphemeralStorage));
        Assert.Equal(10250, options.KubeletPort);
        Assert.Equal("virtual-kubelet", options.NodeName);
        Assert.Equal(TimeSpan.FromSeconds(40), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseRenewInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), options.StatusUpdateInterval);
        Assert.Empty(options.VSwitchIds);
    }

    [Fact]
    public void ApplyEnvironment_SpacedCommaList_TrimsAndDropsEmptyVSwitches()
    {
        var options = new VirtualKubeletOptions().ApplyEnvironment(name => name == "ECI_VSWITCH" ? " vsw-a , ,vsw-b," : null);

        Assert.Equal(["vsw-a", "vsw-b"], options.VSwitchIds);
    }

    [Fact]
    public void ApplyEnvironment_BlankVariable_IsIgnored()
    {
        var options = new VirtualKubeletOptions { RegionId = "cn-hangzhou" }.ApplyEnvironment(name => name == "ECI_REGION" ? "   " : null);

        Assert.Equal("cn-hangzhou", options.RegionId);
    }

    [Fact]
    public void ApplyEnvironment_EmptyTaintValue_GivesAValuelessTaint()
    {
        var options = new VirtualKubeletOptions().ApplyEnvironment(name => name == "VKUBELET_TAINT_VALUE" ? "" : null);

        Assert.Equal("", options.Taint.Value);
    }

    [Theory]
    [InlineData("WEBHOOK", "1", true)]
    [InlineData("WEBHOOK", "TRUE", true)]
    [InlineData("WEBHOOK", "f", false)]
    [InlineData("ECI_KUBE_PROXY", "False", false)]
    [InlineData("ECI_KUBE_PROXY", "t", true)]
    public void ApplyEnvironment_GoBooleans_AreRead(string variable, string value, bool expected)
    {
        var options = new VirtualKubeletOptions { EnableWebhook = !expected, EnableKubeProxy = !expected }.ApplyEnvironment(name => name == variable ? value : null);

        Assert.Equal(expected, variable == "WEBHOOK" ? options.EnableWebhook : options.EnableKubeProxy);
    }

    [Theory]
    [InlineData("KUBELET_PORT", "http", "KUBELET_PORT='http' is not a port number. Use e.g. 10250.")]
    [InlineData("KUBELET_PORT", "-1", "KUBELET_PORT='-1' is not a port number. Use e.g. 10250.")]
    [InlineData("KUBELET_PORT", "99999999999", "KUBELET_PORT='99999999999' is not a port number. Use e.g. 10250.")]
    [InlineData("WEBHOOK", "yes please", "WEBHOOK='yes please' is not a boolean. Use \"true\" or \"false\".")]
    [InlineData("ECI_KUBE_PROXY", "enabled", "ECI_KUBE_PROXY='enabled' is not a boolean. Use \"true\" or \"false\".")]
    public void ApplyEnvironment_UnreadableValue_IsReportedByTheValidatorAndLeavesTheDefault(string variable, string value, string expected)
    {
        var environment = NodeFixtures.VkYamlEnvironment();
        environment[variable] = value;

        var options = new VirtualKubeletOptions().ApplyEnvironment(NodeFixtures.Lookup(environment));
        var result = new VirtualKubeletOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, $"Expected {variable}='{value}' to fail validation.");
        Assert.Equal([expected], result.Failures);
        Assert.Equal(10250, options.KubeletPort);
    }

    [Fact]
    public void ApplyEnvironment_CalledAgainWithGoodValues_ForgetsEarlierErrors()
    {
        var options = new VirtualKubeletOptions().ApplyEnvironment(name => name == "KUBELET_PORT" ? "http" : null);

        options.ApplyEnvironment(NodeFixtures.Lookup(NodeFixtures.VkYamlEnvironment()));

        Assert.Empty(options.EnvironmentErrors);
    }

    [Fact]
    public void AddVirtualKubeletOptions_ConfigurationAndEnvironment_EnvironmentWinsAndNodesBind()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VirtualKubelet:RegionId"] = "cn-hangzhou",
            ["VirtualKubelet:StatusUpdateInterval"] = "00:00:30",
            ["VirtualKubelet:Nodes:0:Name"] = "virtual-kubelet-cn-beijing-e",
            ["VirtualKubelet:Nodes:0:ZoneId"] = "cn-beijing-e",
            ["VirtualKubelet:Nodes:0:VSwitchIds:0"] = "vsw-e1",
            ["VirtualKubelet:Nodes:0:Taint:Key"] = "example.com/zone-e",
            ["VirtualKubelet:Nodes:0:Taint:Effect"] = "NoExecute",
            ["VirtualKubelet:Nodes:0:Capacity:Cpu"] = "2000",
            ["VirtualKubelet:Nodes:0:Labels:example.com/team"] = "batch",
            ["VirtualKubelet:Nodes:1:Name"] = "virtual-kubelet-cn-beijing-f",
            ["VirtualKubelet:Nodes:1:VSwitchIds:0"] = "vsw-f1",
        }).Build();
        using var provider = new ServiceCollection()
            .AddVirtualKubeletOptions(configuration, NodeFixtures.Lookup(NodeFixtures.VkYamlEnvironment()))
            .BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<VirtualKubeletOptions>>().Value;
        var nodes = options.ResolveNodes();

        Assert.Equal("cn-beijing", options.RegionId);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StatusUpdateInterval);
        Assert.Equal(["virtual-kubelet-cn-beijing-e", "virtual-kubelet-cn-beijing-f"], nodes.Select(n => n.Name));
        Assert.Equal(["cn-beijing-e"], nodes[0].Zones);
        Assert.Equal(("example.com/zone-e", "alibabacloud", "NoExecute"), (nodes[0].TaintKey, nodes[0].TaintValue, nodes[0].TaintEffect));
        Assert.Equal(2000m, nodes[0].Quota.Cpu.ToDecimal());
        Assert.Equal("6400Ti", nodes[0].Quota.Memory.ToString());
        Assert.Equal("batch", nodes[0].Labels["example.com/team"]);
        Assert.Equal(["vsw-f1"], nodes[1].VSwitchIds);
        Assert.Empty(nodes[1].Zones);
        Assert.Equal(("virtual-kubelet.io/provider", "NoSchedule"), (nodes[1].TaintKey, nodes[1].TaintEffect));
    }

    [Fact]
    public void AddVirtualKubeletOptions_InvalidEnvironment_FailsWithEveryFix()
    {
        var environment = NodeFixtures.VkYamlEnvironment();
        environment["ECI_QUOTA_CPU"] = "lots";
        environment.Remove("ALIYUN_CLUSTERID");
        using var provider = new ServiceCollection()
            .AddVirtualKubeletOptions(new ConfigurationBuilder().Build(), NodeFixtures.Lookup(environment))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VirtualKubeletOptions>>().Value);

        Assert.Contains("ECI_QUOTA_CPU='lots' is not a Kubernetes quantity. Use e.g. 1000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("VirtualKubelet:ClusterId is empty. Set ALIYUN_CLUSTERID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddVirtualKubeletOptions_InvalidOptions_StopHostStartUp()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Services.AddVirtualKubeletOptions(builder.Configuration, _ => null);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("VirtualKubelet:RegionId is empty. Set ECI_REGION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveNodes_NoNodesListed_MakesOneNodeFromTheEnvironment()
    {
        var node = Assert.Single(NodeFixtures.ValidOptions().ResolveNodes());

        Assert.Equal("virtual-kubelet", node.Name);
        Assert.Equal(["vsw-2ze0e01", "vsw-2ze0f01"], node.VSwitchIds);
        Assert.Empty(node.Zones);
        Assert.Equal(("cn-beijing", "c-abc123", "sg-2ze0abc", "172.20.1.17", 10250), (node.RegionId, node.ClusterId, node.SecurityGroupId, node.PodIp, node.KubeletPort));
        Assert.Equal(1_000_000m, node.Quota.Cpu.ToDecimal());
        Assert.Equal(10000m, node.Quota.Pods.ToDecimal());
    }

    [Fact]
    public void ResolveNodes_InvalidOptions_ThrowsWithTheProblems()
    {
        var options = NodeFixtures.ValidOptions();
        options.QuotaPods = "many";

        var error = Assert.Throws<OptionsValidationException>(() => options.ResolveNodes());

        Assert.Contains("ECI_QUOTA_POD='many' is not a Kubernetes quantity", error.Message, StringComparison.Ordinal);
    }
}
