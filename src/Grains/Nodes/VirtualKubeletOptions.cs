namespace OrleansEci.Grains.Nodes;

/// <summary>
/// The virtual nodes and what they share, bound from the <c>VirtualKubelet</c> configuration section, then from the
/// environment variables users know from Alibaba's <c>vk.yaml</c> (eci-on-kubernetes.md §1) when they are set.
/// Validated at start-up by <see cref="VirtualKubeletOptionsValidator"/>; <see cref="ResolveNodes"/> gives the
/// nodes with every default applied. When <see cref="Nodes"/> is empty, one node is made from the environment.
/// </summary>
public sealed partial class VirtualKubeletOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VirtualKubelet";

    /// <summary>Environment variable for <see cref="RegionId"/>.</summary>
    public const string RegionEnvironmentVariable = "ECI_REGION";

    /// <summary>Environment variable for <see cref="ClusterId"/>.</summary>
    public const string ClusterIdEnvironmentVariable = "ALIYUN_CLUSTERID";

    /// <summary>Environment variable for <see cref="VpcId"/>.</summary>
    public const string VpcEnvironmentVariable = "ECI_VPC";

    /// <summary>Environment variable for <see cref="VSwitchIds"/> (a comma list).</summary>
    public const string VSwitchEnvironmentVariable = "ECI_VSWITCH";

    /// <summary>Environment variable for <see cref="SecurityGroupId"/>.</summary>
    public const string SecurityGroupEnvironmentVariable = "ECI_SECURITY_GROUP";

    /// <summary>Environment variable for <see cref="ClusterType"/>.</summary>
    public const string ClusterTypeEnvironmentVariable = "CLUSTER_TYPE";

    /// <summary>Environment variable for <see cref="EnableWebhook"/>.</summary>
    public const string WebhookEnvironmentVariable = "WEBHOOK";

    /// <summary>Environment variable for <see cref="EnableKubeProxy"/>.</summary>
    public const string KubeProxyEnvironmentVariable = "ECI_KUBE_PROXY";

    /// <summary>Environment variable for the key of <see cref="Taint"/>.</summary>
    public const string TaintKeyEnvironmentVariable = "VKUBELET_TAINT_KEY";

    /// <summary>Environment variable for the value of <see cref="Taint"/>.</summary>
    public const string TaintValueEnvironmentVariable = "VKUBELET_TAINT_VALUE";

    /// <summary>Environment variable for the effect of <see cref="Taint"/>.</summary>
    public const string TaintEffectEnvironmentVariable = "VKUBELET_TAINT_EFFECT";

    /// <summary>Environment variable for <see cref="QuotaCpu"/>.</summary>
    public const string QuotaCpuEnvironmentVariable = "ECI_QUOTA_CPU";

    /// <summary>Environment variable for <see cref="QuotaMemory"/>.</summary>
    public const string QuotaMemoryEnvironmentVariable = "ECI_QUOTA_MEMORY";

    /// <summary>Environment variable for <see cref="QuotaPods"/>.</summary>
    public const string QuotaPodsEnvironmentVariable = "ECI_QUOTA_POD";

    /// <summary>Environment variable for <see cref="QuotaEphemeralStorage"/> (ours; vk.yaml has none).</summary>
    public const string QuotaEphemeralStorageEnvironmentVariable = "ECI_QUOTA_EPHEMERAL_STORAGE";

    /// <summary>Environment variable for <see cref="KubeletPort"/>.</summary>
    public const string KubeletPortEnvironmentVariable = "KUBELET_PORT";

    /// <summary>Environment variable for <see cref="PodIp"/>.</summary>
    public const string PodIpEnvironmentVariable = "VKUBELET_POD_IP";

    /// <summary>Environment variable for <see cref="NodeName"/>.</summary>
    public const string NodeNameEnvironmentVariable = "VKUBELET_NODE_NAME";

    /// <summary>The taint key vk.yaml uses.</summary>
    public const string DefaultTaintKey = "virtual-kubelet.io/provider";

    /// <summary>The taint value vk.yaml uses.</summary>
    public const string DefaultTaintValue = "alibabacloud";

    /// <summary>The taint effect vk.yaml uses.</summary>
    public const string DefaultTaintEffect = "NoSchedule";

    /// <summary><c>CLUSTER_TYPE</c> of a cluster on ECS.</summary>
    public const string CloudClusterType = "CLOUD";

    /// <summary><c>CLUSTER_TYPE</c> of an on-premises (hybrid) cluster.</summary>
    public const string IdcClusterType = "IDC";

    /// <summary>The ECI region, e.g. <c>cn-beijing</c>. Required.</summary>
    public string RegionId { get; set; } = "";

    /// <summary>The cluster id, unique in the account; it tags every container group (<c>c-abc123</c>). Required.</summary>
    public string ClusterId { get; set; } = "";

    /// <summary>The VPC of the vSwitches (<c>vpc-…</c>). Optional: ECI derives it from the vSwitch.</summary>
    public string? VpcId { get; set; }

    /// <summary>The default vSwitches (<c>vsw-a,vsw-b</c>) of nodes that list none. Default: none.</summary>
    public IList<string> VSwitchIds { get; set; } = [];

    /// <summary>The security group of the container groups (<c>sg-…</c>). Required.</summary>
    public string SecurityGroupId { get; set; } = "";

    /// <summary><c>CLOUD</c> (on ECS) or <c>IDC</c> (on-premises, hybrid). Default: <c>CLOUD</c>.</summary>
    public string ClusterType { get; set; } = CloudClusterType;

    /// <summary>Serve the mutating webhook (<c>WEBHOOK</c>). Default: false.</summary>
    public bool EnableWebhook { get; set; }

    /// <summary>Give pods ClusterIP semantics (<c>ECI_KUBE_PROXY</c>). Default: false.</summary>
    public bool EnableKubeProxy { get; set; }

    /// <summary>The taint of nodes that set none. Default: <c>virtual-kubelet.io/provider=alibabacloud:NoSchedule</c>.</summary>
    public NodeTaintOptions Taint { get; set; } = new();

    /// <summary>Node vCPU capacity, a Kubernetes quantity. Default: <c>1000000</c> (vk.yaml's example).</summary>
    public string QuotaCpu { get; set; } = "1000000";

    /// <summary>Node memory capacity, a Kubernetes quantity. Default: <c>6400Ti</c> (vk.yaml's example).</summary>
    public string QuotaMemory { get; set; } = "6400Ti";

    /// <summary>Node pod capacity, a whole number. Default: <c>10000</c> (vk.yaml's example).</summary>
    public string QuotaPods { get; set; } = "10000";

    /// <summary>
    /// Node <c>ephemeral-storage</c> capacity. Without it the scheduler refuses every pod that requests temporary storage.
    /// Default: <c>60000Gi</c>, the allocatable Alibaba's virtual kubelet advertised.
    /// </summary>
    public string QuotaEphemeralStorage { get; set; } = "60000Gi";

    /// <summary>The kubelet API port, advertised as <c>daemonEndpoints.kubeletEndpoint.port</c>. Default: 10250.</summary>
    public int KubeletPort { get; set; } = 10250;

    /// <summary>This process's pod IP (downward API <c>status.podIP</c>), every node's InternalIP. Required.</summary>
    public string PodIp { get; set; } = "";

    /// <summary>The name of the single node made from the environment when <see cref="Nodes"/> is empty. Default: <c>virtual-kubelet</c>.</summary>
    public string NodeName { get; set; } = "virtual-kubelet";

    /// <summary>The version the nodes report (<c>kubectl get nodes</c> VERSION). Default: <c>v1.30.0-orleans-eci</c>.</summary>
    public string KubeletVersion { get; set; } = "v1.30.0-orleans-eci";

    /// <summary>The CPU architecture the nodes report (<c>kubernetes.io/arch</c>): <c>amd64</c> or <c>arm64</c>. Default: <c>amd64</c>.</summary>
    public string Architecture { get; set; } = "amd64";

    /// <summary>How long a node's Lease stays valid without renewal (<c>leaseDurationSeconds</c>). Default: 40 s, the kubelet's.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How often a node renews its Lease. Default: 10 s, the kubelet's (a quarter of the duration).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest time between two Node status writes when nothing changed. Default: 60 s (virtual-kubelet's).</summary>
    public TimeSpan StatusUpdateInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The fraction of the account's vCPU quota in use from which nodes shrink their allocatable CPU to what is left
    /// (see <see cref="NodeCapacity.ShrinkToAccount"/>). Default: 0.9.
    /// </summary>
    public double AccountQuotaShrinkThreshold { get; set; } = 0.9;

    /// <summary>The virtual nodes. Empty: one node, <see cref="NodeName"/>, made from the environment.</summary>
    public IList<VirtualNodeOptions> Nodes { get; set; } = [];

    /// <summary>True for <c>CLUSTER_TYPE=IDC</c>.</summary>
    public bool IsHybrid => string.Equals(ClusterType, IdcClusterType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Environment variables that were set but could not be read (a port that is not a number, ...).</summary>
    internal List<string> EnvironmentErrors { get; } = [];
}
