using Microsoft.Extensions.Options;

using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Cluster;

/// <summary><see cref="IClusterCatalog"/> over the validated <see cref="VirtualKubeletOptions"/>.</summary>
internal sealed class ClusterCatalog : IClusterCatalog
{
    private readonly Dictionary<string, VirtualNodeSettings> _byName;

    public ClusterCatalog(IOptions<VirtualKubeletOptions> options)
    {
        VirtualKubeletOptions o = options.Value;
        ClusterId = o.ClusterId;
        RegionId = o.RegionId;
        Nodes = [.. o.ResolveNodes().Select(n => new VirtualNodeSettings(n.Name, n.VSwitchIds, n.SecurityGroupId, null, n.SingleZone, n.PodIp))];
        _byName = Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    public string ClusterId { get; }

    public string RegionId { get; }

    public IReadOnlyList<VirtualNodeSettings> Nodes { get; }

    public VirtualNodeSettings? Find(string nodeName) => _byName.GetValueOrDefault(nodeName);
}
