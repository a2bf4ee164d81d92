using k8s.Models;

namespace OrleansEci.Grains.Nodes;

/// <summary>
/// Builds a virtual node's <see cref="V1Node"/>: what a kubelet registers (labels, taint, addresses, capacity,
/// conditions, daemon endpoint, node info), from a <see cref="VirtualNodeDefinition"/>. Pure: time comes in as a value.
/// The status half (<see cref="Status"/>, <see cref="StatusPatch"/>, <see cref="NeedsStatusWrite"/>) is in
/// NodeManifest.Status.cs.
/// </summary>
public static partial class NodeManifest
{
    /// <summary>The label every route to ECI selects on (nodeSelector <c>type: virtual-kubelet</c>, DaemonSet anti-affinity).</summary>
    public const string TypeLabel = "type";

    /// <summary>The value of <see cref="TypeLabel"/>.</summary>
    public const string VirtualKubeletType = "virtual-kubelet";

    /// <summary>The legacy role label; with <see cref="AgentRoleLabel"/> it makes <c>kubectl get nodes</c> show ROLES <c>agent</c>.</summary>
    public const string RoleLabel = "kubernetes.io/role";

    /// <summary>The role label kubectl reads (<c>node-role.kubernetes.io/&lt;role&gt;</c>).</summary>
    public const string AgentRoleLabel = "node-role.kubernetes.io/agent";

    /// <summary>The well-known hostname label; the node name.</summary>
    public const string HostnameLabel = "kubernetes.io/hostname";

    /// <summary>The well-known OS label.</summary>
    public const string OsLabel = "kubernetes.io/os";

    /// <summary>The well-known architecture label.</summary>
    public const string ArchLabel = "kubernetes.io/arch";

    /// <summary>The deprecated OS label the kubelet still sets, for old nodeSelectors.</summary>
    public const string BetaOsLabel = "beta.kubernetes.io/os";

    /// <summary>The deprecated architecture label the kubelet still sets, for old nodeSelectors.</summary>
    public const string BetaArchLabel = "beta.kubernetes.io/arch";

    /// <summary>The well-known region label.</summary>
    public const string RegionLabel = "topology.kubernetes.io/region";

    /// <summary>The well-known zone label, set only when the node has exactly one zone.</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The deprecated region label, for schedulers and volume plugins that still read it.</summary>
    public const string LegacyRegionLabel = "failure-domain.beta.kubernetes.io/region";

    /// <summary>The deprecated zone label, set only when the node has exactly one zone.</summary>
    public const string LegacyZoneLabel = "failure-domain.beta.kubernetes.io/zone";

    /// <summary>The operating system of ECI pods.</summary>
    public const string OperatingSystem = "linux";

    /// <summary>
    /// The node's labels. Those Alibaba's virtual kubelet users select on (<c>type=virtual-kubelet</c>, role
    /// <c>agent</c>; eci-on-kubernetes.md §1, §3), the well-known ones a kubelet sets (hostname, os, arch and their beta
    /// forms), the region, and the zone, legacy forms included, only when the node has exactly one zone: a zone label on
    /// a node whose pods may land in several zones would mislead zonal volume binding and topology spreading. Then the
    /// configured labels, which may override the first group but never the derived ones (the validator refuses them).
    /// Alibaba documents no node label of its own for ACK's virtual nodes (its <c>serverless.alibabacloud.com/virtual-node</c>
    /// is a pod label), so none is invented here.
    /// </summary>
    public static Dictionary<string, string> Labels(VirtualNodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TypeLabel] = VirtualKubeletType,
            [RoleLabel] = "agent",
            [AgentRoleLabel] = "",
        };

        foreach (var (key, value) in node.Labels)
        {
            labels[key] = value;
        }

        labels[HostnameLabel] = node.Name;
        labels[OsLabel] = OperatingSystem;
        labels[BetaOsLabel] = OperatingSystem;
        labels[ArchLabel] = node.Architecture;
        labels[BetaArchLabel] = node.Architecture;
        labels[RegionLabel] = node.RegionId;
        labels[LegacyRegionLabel] = node.RegionId;
        if (node.SingleZone is { } zone)
        {
            labels[ZoneLabel] = zone;
            labels[LegacyZoneLabel] = zone;
        }

        return labels;
    }

    /// <summary>The node's taint.</summary>
    public static V1Taint Taint(VirtualNodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new V1Taint { Key = node.TaintKey, Value = node.TaintValue.Length == 0 ? null : node.TaintValue, Effect = node.TaintEffect };
    }

    /// <summary>
    /// The whole Node to create (or to recreate after someone deleted it): metadata with labels, the taint, and the
    /// status of <see cref="Status"/>. The API server ignores the status on create, so write it afterwards with
    /// <see cref="StatusPatch"/> as the kubelet does.
    /// </summary>
    public static V1Node Build(VirtualNodeDefinition node, NodeCapacity capacity, NodeReadiness readiness, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = node.Name, Labels = Labels(node) },
            Spec = new V1NodeSpec { Taints = [Taint(node)] },
            Status = Status(node, capacity, readiness, now),
        };
    }

    /// <summary>The addresses: the pod IP as InternalIP (where the API server dials the kubelet API) and the name as Hostname.</summary>
    public static List<V1NodeAddress> Addresses(VirtualNodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return
        [
            new V1NodeAddress { Type = "InternalIP", Address = node.PodIp },
            new V1NodeAddress { Type = "Hostname", Address = node.Name },
        ];
    }

    /// <summary>
    /// The node info. The machine ID, system UUID and boot ID are derived from the node name (a virtual node has no
    /// host); the runtime is ECI's API version (<c>eci://2018-08-08</c>, in the kubelet's <c>name://version</c> form);
    /// there is no one kernel, since each pod runs in its own ECI sandbox.
    /// </summary>
    public static V1NodeSystemInfo NodeInfo(VirtualNodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new V1NodeSystemInfo
        {
            MachineID = NodeIdentity.MachineId(node.Name),
            SystemUUID = NodeIdentity.SystemUuid(node.Name),
            BootID = NodeIdentity.BootId(node.Name),
            KernelVersion = "eci-sandbox",
            OsImage = "Alibaba Cloud Elastic Container Instance",
            ContainerRuntimeVersion = "eci://2018-08-08",
            KubeletVersion = node.KubeletVersion,
            OperatingSystem = OperatingSystem,
            Architecture = node.Architecture,
        };
    }
}
