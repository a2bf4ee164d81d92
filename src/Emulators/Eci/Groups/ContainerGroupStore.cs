using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// Every container group of the region, by id and in creation order, with the ClientToken index. Reads take a
/// copy of the order (no lock held while groups advance); the retention sweep runs at most once a second of emulator time:
/// terminal groups are all kept for <see cref="LifecycleOptions.TerminalRetention"/>, after which only the latest
/// <see cref="LifecycleOptions.TerminalKeepCount"/> terminal groups remain (reference §3.2).
/// </summary>
internal sealed class ContainerGroupStore(GroupContext context)
{
    private readonly ConcurrentDictionary<string, ContainerGroup> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ContainerGroup> _byToken = new(StringComparer.Ordinal);
    private readonly Lock _orderGate = new();
    // Creation order, append-only: a slot below _orderCount is never written again (removal builds a new array), so a
    // reader may walk (array, count) taken under the lock without copying it. A copy per query was 80 KB at 10,000 groups.
    private ContainerGroup[] _order = new ContainerGroup[64];
    private int _orderCount;
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
            if (_orderCount == _order.Length)
            {
                Array.Resize(ref _order, _order.Length * 2);
            }

            _order[_orderCount++] = group;
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

    /// <summary>The group with this id as stored, not advanced, possibly deleted; for callers that advance it under its lock.</summary>
    public ContainerGroup? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Every stored group in creation order, not advanced (callers filter first and advance only the candidates
    /// under each group's lock); runs the retention sweep when it is due.
    /// </summary>
    public ArraySegment<ContainerGroup> InCreationOrder(DateTimeOffset now)
    {
        SweepIfDue(now);
        return Ordered();
    }

    public void Clear()
    {
        lock (_orderGate)
        {
            _order = new ContainerGroup[64];
            _orderCount = 0;
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

        ArraySegment<ContainerGroup> all = Ordered();

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
            ContainerGroup[] kept = [.. new ArraySegment<ContainerGroup>(_order, 0, _orderCount).Where(g => !remove.Contains(g))];
            _order = new ContainerGroup[Math.Max(64, kept.Length * 2)];
            kept.CopyTo(_order, 0);
            _orderCount = kept.Length;
        }
    }

    private ArraySegment<ContainerGroup> Ordered()
    {
        lock (_orderGate)
        {
            return new ArraySegment<ContainerGroup>(_order, 0, _orderCount);
        }
    }
}
