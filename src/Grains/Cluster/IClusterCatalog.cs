namespace OrleansEci.Grains.Cluster;

/// <summary>The cluster this runtime serves and its virtual nodes, from validated configuration.</summary>
public interface IClusterCatalog
{
    /// <summary>The cluster id that tags every container group (<c>ALIYUN_CLUSTERID</c>).</summary>
    string ClusterId { get; }

    /// <summary>The ECI region (<c>ECI_REGION</c>).</summary>
    string RegionId { get; }

    /// <summary>Every configured virtual node.</summary>
    IReadOnlyList<VirtualNodeSettings> Nodes { get; }

    /// <summary>The node called <paramref name="nodeName"/>, or null when this runtime does not serve it.</summary>
    VirtualNodeSettings? Find(string nodeName);
}
