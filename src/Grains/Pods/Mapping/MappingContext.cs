namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// The virtual node's defaults and the pod grain's identifiers for one mapping. Pod annotations override the network
/// defaults (<c>k8s.aliyun.com/eci-vswitch</c>, <c>eci-security-group</c>, <c>eci-resource-group-id</c>).
/// </summary>
/// <param name="ClusterId">Tags every group (<c>ALIYUN_CLUSTERID</c>).</param>
/// <param name="NodeName">The virtual node the pod is bound to; also a tag.</param>
/// <param name="RegionId">The region of the group.</param>
/// <param name="VSwitchIds">The node's vSwitches (several = several zones).</param>
/// <param name="SecurityGroupId">The node's security group; null lets ECI use the region's default.</param>
/// <param name="ResourceGroupId">The resource group, if any.</param>
/// <param name="ZoneId">A zone to pin; null lets ECI choose from the vSwitches.</param>
/// <param name="ContainerGroupName">The group's name, normally <see cref="PodMapper.ContainerGroupName"/>.</param>
/// <param name="ClientToken">The idempotency token the grain persisted for this creation.</param>
public sealed record MappingContext(
    string ClusterId,
    string NodeName,
    string RegionId,
    IReadOnlyList<string> VSwitchIds,
    string? SecurityGroupId,
    string? ResourceGroupId,
    string? ZoneId,
    string ContainerGroupName,
    string ClientToken)
{
    /// <summary>
    /// The cluster DNS service IPs (kubelet's <c>--cluster-dns</c>). When set, <c>dnsPolicy: ClusterFirst</c> becomes
    /// ECI <c>DnsPolicy=None</c> with these name servers and the cluster search path, as the kubelet writes
    /// resolv.conf; when null, ClusterFirst pods use ECI's default (VPC) DNS and get a note.
    /// </summary>
    public IReadOnlyList<string>? ClusterDns { get; init; }

    /// <summary>The cluster domain (kubelet's <c>--cluster-domain</c>).</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// The variables the kubelet gives every container for the <c>kubernetes</c> Service in <c>default</c>
    /// (<c>KUBERNETES_SERVICE_HOST</c>, <c>KUBERNETES_SERVICE_PORT</c>, <c>KUBERNETES_PORT_443_TCP</c>, ...), which
    /// in-cluster clients need. Added first, so envFrom and env override them.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> KubernetesServiceEnvironment { get; init; } = [];

    /// <summary>
    /// The Docker-links variables of the Services in the pod's namespace (<c>&lt;NAME&gt;_SERVICE_HOST</c>, ...),
    /// added after <see cref="KubernetesServiceEnvironment"/> unless the pod sets <c>enableServiceLinks: false</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> NamespaceServiceEnvironment { get; init; } = [];

    /// <summary>A context for reading only the pod's annotations (<see cref="PodMapper.Policy"/>): no node, no token.</summary>
    internal static MappingContext ForPolicy { get; } = new("", "", "", [], null, null, null, "", "");
}
