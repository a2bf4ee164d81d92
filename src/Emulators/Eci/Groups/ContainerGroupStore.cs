using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// Every container group of the region, by id and in creation order, with the ClientToken index. Reads take a
/// snapshot (no lock held while groups advance); the retention sweep runs at most once a second of emulator time:
/// terminal groups are all kept for <see cref="LifecycleOptions.TerminalRetention"/>, after which only the latest
/// <see cref="LifecycleOptions.TerminalKeepCount"/> terminal groups remain (reference §3.2).
/// </summary>
internal sealed class ContainerGroupStore(GroupContext context)
{
    private readonly ConcurrentDictionary<string, ContainerGroup> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ContainerGroup> _byToken = new(StringComparer.Ordinal);
    private readonly Lock _orderGate = new();
    private List<ContainerGroup> _order = [];
    private long _lastSweepTicks;

    public GroupContext Context => context;

    public int Count => _byId.Count;

    public void Add(ContainerGroup group)
    {
        _byId[group.Id] = group;
        if (group.ClientToken is not null)
        {
            _byToken[group.ClientToken] = group;
        }

        lock (_orderGate)
        {
            _order.Add(group);
        }
    }

    public ContainerGroup? ByToken(string token) => _byToken.GetValueOrDefault(token);

    /// <summary>The group advanced to <paramref name="now"/>, or null when unknown or gone.</summary>
    public ContainerGroup? Get(string id, DateTimeOffset now)
    {
        if (!_byId.TryGetValue(id, out ContainerGroup? g))
        {
            return null;
        }

        lock (g.Gate)
        {
            g.Advance(now, context);
            return g.Deleted ? null : g;
        }
    }

    /// <summary>All live groups in creation order, each advanced to <paramref name="now"/>.</summary>
    public List<ContainerGroup> Snapshot(DateTimeOffset now)
    {
        SweepIfDue(now);
        ContainerGroup[] all;
        lock (_orderGate)
        {
            all = [.. _order];
        }

        List<ContainerGroup> live = new(all.Length);
        foreach (ContainerGroup g in all)
        {
            lock (g.Gate)
            {
                g.Advance(now, context);
                if (!g.Deleted)
                {
                    live.Add(g);
                }
            }
        }

        return live;
    }

    public void Clear()
    {
        lock (_orderGate)
        {
            _order = [];
        }

        _byId.Clear();
        _byToken.Clear();
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        long last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        List<ContainerGroup> all;
        lock (_orderGate)
        {
            all = [.. _order];
        }

        List<(ContainerGroup Group, DateTimeOffset At)> terminal = [];
        HashSet<ContainerGroup> remove = [];
        foreach (ContainerGroup g in all)
        {
            lock (g.Gate)
            {
                g.Advance(now, context);
                if (g.Deleted)
                {
                    remove.Add(g);
                }
                else if (g.TerminalAt is DateTimeOffset at)
                {
                    terminal.Add((g, at));
                }
            }
        }

        DateTimeOffset cutoff = now - context.Lifecycle.TerminalRetention;
        foreach ((ContainerGroup g, _) in terminal.OrderByDescending(t => t.At).Skip(context.Lifecycle.TerminalKeepCount).Where(t => t.At <= cutoff))
        {
            lock (g.Gate)
            {
                g.Delete(now, force: true, context);
            }

            remove.Add(g);
        }

        if (remove.Count > 0)
        {
            Remove(remove);
        }
    }

    private void Remove(HashSet<ContainerGroup> remove)
    {
        foreach (ContainerGroup g in remove)
        {
            _byId.TryRemove(new KeyValuePair<string, ContainerGroup>(g.Id, g));
        }

        lock (_orderGate)
        {
            _order = [.. _order.Where(g => !remove.Contains(g))];
        }
    }
}
