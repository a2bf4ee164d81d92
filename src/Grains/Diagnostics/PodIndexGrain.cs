namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// One virtual node's pod rows (see <see cref="IPodIndexGrain"/>): a dictionary by key, in memory only. Queries scan it
/// (10,000 rows take well under a millisecond to filter) and sort only the page they return.
/// </summary>
internal sealed class PodIndexGrain : Grain, IPodIndexGrain
{
    /// <summary>Most rows one query returns, whatever it asks (the dashboard merges nodes' pages up to its deepest row).</summary>
    public const int MaxTake = 60_000;

    private readonly Dictionary<string, PodSummary> _rows = new(StringComparer.Ordinal);

    public Task Put(PodSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_rows.TryGetValue(row.Key, out PodSummary? held) || held.Updated <= row.Updated)
        {
            _rows[row.Key] = row;
        }

        return Task.CompletedTask;
    }

    public Task Remove(string key)
    {
        _rows.Remove(key);
        return Task.CompletedTask;
    }

    public Task<PodPage> Query(PodQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = _rows.Values.Where(query.Matches).ToList();
        int take = Math.Clamp(query.Take, 0, MaxTake);
        var page = matches.OrderBy(r => r.Key, StringComparer.Ordinal).Skip(Math.Max(0, query.Skip)).Take(take).ToList();
        return Task.FromResult(new PodPage(matches.Count, page));
    }

    public Task<NodePodCounts> Counts()
    {
        var byPhase = new Dictionary<string, int>(StringComparer.Ordinal);
        int errors = 0;
        foreach (PodSummary row in _rows.Values)
        {
            byPhase[row.Phase] = byPhase.GetValueOrDefault(row.Phase) + 1;
            errors += row.Error is null ? 0 : 1;
        }

        return Task.FromResult(new NodePodCounts(this.GetPrimaryKeyString(), byPhase, errors, _rows.Count));
    }
}
