namespace OrleansEci.Grains.Nodes;

/// <summary>
/// One virtual node of the <c>VirtualKubelet:Nodes</c> list, for example one per zone:
/// <code>
/// "Nodes": [
///   { "Name": "virtual-kubelet-cn-beijing-e", "ZoneId": "cn-beijing-e", "VSwitchIds": [ "vsw-e1" ] },
///   { "Name": "virtual-kubelet-cn-beijing-f", "ZoneId": "cn-beijing-f", "VSwitchIds": [ "vsw-f1" ] }
/// ]
/// </code>
/// Anything left unset falls back to the environment-wide value of <see cref="VirtualKubeletOptions"/>.
/// </summary>
public sealed class VirtualNodeOptions
{
    /// <summary>The Node name: a DNS subdomain of at most 63 characters (it is also the <c>kubernetes.io/hostname</c> label). Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// The vSwitches this node's pods use, in preference order. Empty: <see cref="VirtualKubeletOptions.VSwitchIds"/>
    /// (<c>ECI_VSWITCH</c>). A vSwitch belongs to at most one node, so each node's pods land in its own zones.
    /// </summary>
    public IList<string> VSwitchIds { get; set; } = [];

    /// <summary>
    /// The zone of this node's vSwitches (e.g. <c>cn-beijing-e</c>), when they all lie in one zone. The node then carries
    /// the <c>topology.kubernetes.io/zone</c> label. Leave it empty when the vSwitches span zones: a zone label would then
    /// be a lie that zonal volumes and topology spread constraints act on. Default: none.
    /// </summary>
    public string? ZoneId { get; set; }

    /// <summary>This node's taint. Null: the environment's (<c>VKUBELET_TAINT_*</c>).</summary>
    public NodeTaintOptions? Taint { get; set; }

    /// <summary>This node's capacity; unset quantities come from <c>ECI_QUOTA_*</c>. Null: all from the environment.</summary>
    public NodeCapacityOptions? Capacity { get; set; }

    /// <summary>Labels added to the node (they may override the defaults, except the hostname, os, arch and topology labels). Default: none.</summary>
    public IDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
