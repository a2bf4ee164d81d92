using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// The scheduler's view of what is bound where (pkg/scheduler/backend/cache): the pods on each node with what they
/// request. Pods the scheduler just bound are counted at once ("assumed"), before their watch event arrives, so the
/// next pod in the same instant does not overcommit the node. Thread-safe.
/// </summary>
internal sealed class SchedulingCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodEntry> _pods = new(StringComparer.Ordinal);

    /// <summary>Whether the cache already counts this pod (same uid) on this node.</summary>
    public bool Has(string key, string uid, string nodeName)
    {
        lock (_gate)
        {
            return _pods.TryGetValue(key, out var pod) && pod.Uid == uid && pod.NodeName == nodeName;
        }
    }

    /// <summary>Counts a bound pod on its node (replacing what was counted for the same key).</summary>
    public void SetPod(string key, PodEntry pod)
    {
        lock (_gate)
        {
            RemoveLocked(key);
            _pods[key] = pod;
            Info(pod.NodeName).AddPod(pod);
        }
    }

    /// <summary>Stops counting a pod; true when it was counted (its node has room again).</summary>
    public bool RemovePod(string key)
    {
        lock (_gate)
        {
            return RemoveLocked(key);
        }
    }

    public void ClearPods()
    {
        lock (_gate)
        {
            foreach (var key in _pods.Keys.ToList())
            {
                RemoveLocked(key);
            }
        }
    }

    /// <summary>
    /// Private copies of <paramref name="nodes"/> with what their pods take, for one scheduling cycle. The nodes come from
    /// the store at the start of the cycle (not from this cache), so a cycle never sees a node older than a pod it schedules.
    /// </summary>
    public List<NodeInfo> Snapshot(IEnumerable<(V1Node Node, ResourceSet Allocatable)> nodes)
    {
        lock (_gate)
        {
            var infos = new List<NodeInfo>();
            foreach (var (node, allocatable) in nodes)
            {
                var info = _nodes.TryGetValue(node.Metadata.Name, out var usage) ? usage.Clone() : new NodeInfo();
                info.Node = node;
                info.Allocatable = allocatable;
                infos.Add(info);
            }

            return infos;
        }
    }

    private bool RemoveLocked(string key)
    {
        if (!_pods.Remove(key, out var old))
        {
            return false;
        }

        Info(old.NodeName).AddPod(old, -1);
        return true;
    }

    private NodeInfo Info(string name)
    {
        if (!_nodes.TryGetValue(name, out var info))
        {
            info = new NodeInfo();
            _nodes[name] = info;
        }

        return info;
    }
}
