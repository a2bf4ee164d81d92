using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods;

/// <summary>
/// The tags that tie a container group to its pod: cluster, virtual node, namespace, name and UID. The status poller
/// and reconcile find a cluster's or a node's groups by the first two and route them to pod grains by the rest.
/// ECI allows 20 tags per group with keys and values of at most 128 characters (eci-openapi.md §3.1), so a pod name
/// longer than that is cut; the UID tag is the one that identifies the pod.
/// </summary>
public static class ContainerGroupTags
{
    public const string Cluster = "orleans-eci/cluster";

    public const string Node = "orleans-eci/node";

    public const string Namespace = "orleans-eci/namespace";

    public const string Name = "orleans-eci/name";

    public const string Uid = "orleans-eci/uid";

    private const int MaxValueLength = 128;

    /// <summary>The five identifying tags of a pod's group.</summary>
    public static IReadOnlyList<Tag> For(string clusterId, string nodeName, string podNamespace, string podName, string podUid) =>
    [
        new(Cluster, Cut(clusterId)),
        new(Node, Cut(nodeName)),
        new(Namespace, Cut(podNamespace)),
        new(Name, Cut(podName)),
        new(Uid, Cut(podUid)),
    ];

    /// <summary>The filter for every group of a cluster.</summary>
    public static IReadOnlyList<Tag> ForCluster(string clusterId) => [new(Cluster, Cut(clusterId))];

    /// <summary>The filter for every group of one virtual node.</summary>
    public static IReadOnlyList<Tag> ForNode(string clusterId, string nodeName) => [new(Cluster, Cut(clusterId)), new(Node, Cut(nodeName))];

    /// <summary>A tag's value, or null when the group does not carry it.</summary>
    public static string? Find(IEnumerable<Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;

    private static string Cut(string value) => value.Length <= MaxValueLength ? value : value[..MaxValueLength];
}
