using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Controllers;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// The nodes as the store has them now, typed, re-reading only nodes whose resourceVersion changed; and a fingerprint of
/// what about a node matters to scheduling (labels, taints, unschedulable, allocatable, condition statuses), so that
/// heartbeats do not retry every unschedulable pod. Used by the scheduler's single worker and its node watch.
/// </summary>
internal sealed class NodeReader
{
    private readonly ObjectStore _store;
    private readonly ResourceType _nodes;
    private readonly Dictionary<string, (long Version, V1Node Node, ResourceSet Allocatable)> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public NodeReader(ObjectStore store, ResourceType nodes)
    {
        _store = store;
        _nodes = nodes;
    }

    public List<(V1Node Node, ResourceSet Allocatable)> ReadAll()
    {
        var items = _store.Snapshot(_nodes).Items;
        var result = new List<(V1Node, ResourceSet)>(items.Count);
        lock (_gate)
        {
            foreach (var stored in items.Values)
            {
                if (!_parsed.TryGetValue(stored.Name, out var parsed) || parsed.Version != stored.ResourceVersion)
                {
                    var node = Typed.Read<V1Node>(stored);
                    parsed = (stored.ResourceVersion, node, ResourceSet.From(node.Status?.Allocatable));
                    _parsed[stored.Name] = parsed;
                }

                result.Add((parsed.Node, parsed.Allocatable));
            }

            foreach (var gone in _parsed.Keys.Where(k => !items.ContainsKey(k)).ToList())
            {
                _parsed.Remove(gone);
            }
        }

        return result;
    }

    /// <summary>Records a node's state from a watch event; true when it changed in a way that could let a pod fit.</summary>
    public bool Changed(StoredObject stored, bool deleted)
    {
        lock (_gate)
        {
            if (deleted)
            {
                _fingerprints.Remove(stored.Name);
                return false;
            }

            var node = Typed.Read<V1Node>(stored);
            var fingerprint = KubernetesJson.Serialize(new object?[]
            {
                node.Metadata.Labels, node.Spec?.Taints, node.Spec?.Unschedulable, node.Status?.Allocatable,
                node.Status?.Conditions?.Select(c => c.Type + "=" + c.Status),
            });
            var changed = !_fingerprints.TryGetValue(stored.Name, out var previous) || previous != fingerprint;
            _fingerprints[stored.Name] = fingerprint;
            return changed;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _fingerprints.Clear();
        }
    }
}
