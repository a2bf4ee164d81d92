using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

/// <summary>
/// Who owns whom, learned from the watch stream (the garbage collector's uidToNode graph, without virtual nodes: owners
/// are always checked against the store): dependents by owner UID, and the UIDs of every object seen alive. Thread-safe.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<Dependent>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<(ResourceType, string?, string), (string Uid, string[] Owners)> _owned = [];
    private readonly HashSet<string> _alive = new(StringComparer.Ordinal);

    /// <summary>Records an object as it is now; returns the owner UIDs never seen alive (their objects may be gone).</summary>
    public List<string> Observe(ResourceType type, string? ns, string name, string uid, IReadOnlyList<OwnerRef> owners)
    {
        lock (_gate)
        {
            _alive.Add(uid);
            Unlink(type, ns, name);
            if (owners.Count == 0)
            {
                return [];
            }

            var uids = owners.Select(o => o.Uid).Distinct(StringComparer.Ordinal).ToArray();
            _owned[(type, ns, name)] = (uid, uids);
            foreach (var owner in uids)
            {
                if (!_dependents.TryGetValue(owner, out var set))
                {
                    set = [];
                    _dependents[owner] = set;
                }

                set.Add(new Dependent(type, ns, name, uid));
            }

            return [.. uids.Where(o => !_alive.Contains(o))];
        }
    }

    /// <summary>Forgets a deleted object; returns its dependents and its owners' UIDs.</summary>
    public (List<Dependent> Dependents, string[] Owners) Remove(ResourceType type, string? ns, string name, string uid)
    {
        lock (_gate)
        {
            _alive.Remove(uid);
            var owners = _owned.TryGetValue((type, ns, name), out var entry) && entry.Uid == uid ? entry.Owners : [];
            Unlink(type, ns, name);
            return (_dependents.TryGetValue(uid, out var set) ? [.. set] : [], owners);
        }
    }

    public List<Dependent> DependentsOf(string ownerUid)
    {
        lock (_gate)
        {
            return _dependents.TryGetValue(ownerUid, out var set) ? [.. set] : [];
        }
    }

    public void Clear(ResourceType type)
    {
        lock (_gate)
        {
            foreach (var key in _owned.Keys.Where(k => ReferenceEquals(k.Item1, type)).ToList())
            {
                Unlink(key.Item1, key.Item2, key.Item3);
            }
        }
    }

    private void Unlink(ResourceType type, string? ns, string name)
    {
        if (!_owned.Remove((type, ns, name), out var old))
        {
            return;
        }

        foreach (var owner in old.Owners)
        {
            if (_dependents.TryGetValue(owner, out var set))
            {
                set.RemoveWhere(d => ReferenceEquals(d.Type, type) && d.Namespace == ns && d.Name == name);
                if (set.Count == 0)
                {
                    _dependents.Remove(owner);
                }
            }
        }
    }

    /// <summary>An object that names an owner in its ownerReferences.</summary>
    public sealed record Dependent(ResourceType Type, string? Namespace, string Name, string Uid);
}
