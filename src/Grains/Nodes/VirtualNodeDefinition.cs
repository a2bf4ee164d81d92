namespace OrleansEci.Grains.Nodes;

/// <summary>
/// One virtual node with every default applied: what <see cref="NodeManifest"/> builds the Node from and what the node
/// grain needs to place its pods. Made by <see cref="VirtualKubeletOptions.ResolveNodes"/> from validated options.
/// </summary>
public sealed record VirtualNodeDefinition
{
    /// <summary>The Node name.</summary>
    public required string Name { get; init; }

    /// <summary>The ECI region.</summary>
    public required string RegionId { get; init; }

    /// <summary>The cluster id that tags the node's container groups.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The vSwitches of the node's pods, in preference order; at least one.</summary>
    public required IReadOnlyList<string> VSwitchIds { get; init; }

    /// <summary>The security group of the node's pods.</summary>
    public required string SecurityGroupId { get; init; }

    /// <summary>
    /// The zones the node's vSwitches lie in, as far as known: the configured zone, or none. Exactly one zone puts
    /// zone labels on the Node; a grain that learns the vSwitches' zones from ECI may replace them (<c>with { Zones = ... }</c>).
    /// </summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>The taint key.</summary>
    public required string TaintKey { get; init; }

    /// <summary>The taint value (may be empty).</summary>
    public required string TaintValue { get; init; }

    /// <summary>The taint effect.</summary>
    public required string TaintEffect { get; init; }

    /// <summary>The configured capacity, before any shrinking to the account's quota.</summary>
    public required NodeCapacity Quota { get; init; }

    /// <summary>Labels added to (or overriding) the defaults.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The node's InternalIP, this process's pod IP.</summary>
    public required string PodIp { get; init; }

    /// <summary>The kubelet API port.</summary>
    public required int KubeletPort { get; init; }

    /// <summary>The reported kubelet version.</summary>
    public required string KubeletVersion { get; init; }

    /// <summary>The reported CPU architecture.</summary>
    public required string Architecture { get; init; }

    /// <summary>The single zone, when the node has exactly one; else null.</summary>
    public string? SingleZone => Zones.Count == 1 ? Zones[0] : null;
}
