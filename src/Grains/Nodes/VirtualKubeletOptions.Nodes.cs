namespace OrleansEci.Grains.Nodes;

public sealed partial class VirtualKubeletOptions
{
    /// <summary>
    /// The configured nodes, or, when <see cref="Nodes"/> is empty, the one node the environment describes
    /// (<see cref="NodeName"/> with <see cref="VSwitchIds"/>). Unresolved: per-node values may still be unset.
    /// </summary>
    public IReadOnlyList<VirtualNodeOptions> EffectiveNodes() =>
        Nodes is { Count: > 0 } nodes ? [.. nodes] : [new VirtualNodeOptions { Name = NodeName }];

    /// <summary>
    /// Every node with its defaults applied: vSwitches, taint and capacity from the environment where the node sets
    /// none, labels, the shared pod IP, port and version. Validates first and throws
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> with every problem when the options are invalid.
    /// </summary>
    public IReadOnlyList<VirtualNodeDefinition> ResolveNodes()
    {
        VirtualKubeletOptionsValidator.ThrowIfInvalid(this);
        return [.. EffectiveNodes().Select((node, index) => Resolve(node) with { KubeletPort = KubeletPortOf(index) })];
    }

    /// <summary>Node <paramref name="index"/>'s kubelet API port: one port per node from <see cref="KubeletPort"/> on, so a request's port says which node it asks about.</summary>
    public int KubeletPortOf(int index) => KubeletPort + index;

    private VirtualNodeDefinition Resolve(VirtualNodeOptions node)
    {
        var taint = node.Taint ?? Taint;
        var capacity = node.Capacity;
        return new VirtualNodeDefinition
        {
            Name = node.Name,
            RegionId = RegionId,
            ClusterId = ClusterId,
            VSwitchIds = [.. node.VSwitchIds is { Count: > 0 } own ? own : VSwitchIds],
            SecurityGroupId = SecurityGroupId,
            Zones = string.IsNullOrWhiteSpace(node.ZoneId) ? [] : [node.ZoneId],
            TaintKey = taint.Key,
            TaintValue = taint.Value ?? "",
            TaintEffect = taint.Effect,
            Quota = NodeCapacity.FromQuota(
                capacity?.Cpu ?? QuotaCpu,
                capacity?.Memory ?? QuotaMemory,
                capacity?.Pods ?? QuotaPods,
                capacity?.EphemeralStorage ?? QuotaEphemeralStorage),
            Labels = new Dictionary<string, string>(node.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            PodIp = PodIp,
            KubeletPort = KubeletPort,
            KubeletVersion = KubeletVersion,
            Architecture = Architecture,
        };
    }
}
