namespace OrleansEci.Grains.Zones;

/// <summary>
/// The facts known about one zone, each believed until it decays. Not thread-safe: the zone grain owns one, and the
/// silo-local cache guards its own with a lock. A newer fact replaces the one it contradicts (a success after a
/// refusal clears the refusal), and <see cref="ZoneView"/> compares times, so copies merged from several silos agree.
/// </summary>
internal sealed class ZoneKnowledge(TimeSpan decay)
{
    private readonly Dictionary<(ZoneFactKind Kind, string Subject), ZoneFact> _facts = [];

    /// <summary>Bumped on every change.</summary>
    public long Version { get; private set; }

    public void Apply(ZoneReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        DateTimeOffset at = report.At;
        switch (report.Outcome)
        {
            case ZoneOutcome.Created:
                foreach (string spec in report.Specs)
                {
                    Set(ZoneFactKind.SpecAvailable, spec, at);
                    Remove(ZoneFactKind.SpecOut, spec, at);
                }

                Remove(ZoneFactKind.ZoneClosed, "", at);
                foreach (string v in report.VSwitchIds)
                {
                    Remove(ZoneFactKind.VSwitchFull, v, at);
                }

                if (report.VSwitchIds is [string only])
                {
                    Count(only, +1, at);
                }

                if (report.SecurityGroupId is { } sg)
                {
                    Remove(ZoneFactKind.SecurityGroupFull, sg, at);
                }

                break;
            case ZoneOutcome.InStock:
                foreach (string spec in report.Specs)
                {
                    Set(ZoneFactKind.SpecAvailable, spec, at);
                    Remove(ZoneFactKind.SpecOut, spec, at);
                    Remove(ZoneFactKind.SpecLow, spec, at);
                }

                break;
            case ZoneOutcome.NoStock:
                foreach (string spec in report.Specs)
                {
                    Set(ZoneFactKind.SpecOut, spec, at);
                    Remove(ZoneFactKind.SpecAvailable, spec, at);
                }

                break;
            case ZoneOutcome.StockExhaust:
                foreach (string spec in report.Specs)
                {
                    Set(ZoneFactKind.SpecLow, spec, at);
                }

                break;
            case ZoneOutcome.StockClose:
                Set(ZoneFactKind.ZoneClosed, "", at);
                break;
            case ZoneOutcome.IpExhausted:
                foreach (string v in report.VSwitchIds)
                {
                    Set(ZoneFactKind.VSwitchFull, v, at);
                }

                break;
            case ZoneOutcome.SecurityGroupFull when report.SecurityGroupId is { } full:
                Set(ZoneFactKind.SecurityGroupFull, full, at);
                break;
            case ZoneOutcome.Released:
                foreach (string v in report.VSwitchIds)
                {
                    Count(v, -1, at);
                }

                break;
            default:
                return;
        }

        Version++;
    }

    /// <summary>The facts still believed at <paramref name="now"/>; expired ones are dropped for good.</summary>
    public IReadOnlyList<ZoneFact> Facts(DateTimeOffset now)
    {
        List<(ZoneFactKind, string)>? expired = null;
        List<ZoneFact> live = new(_facts.Count);
        foreach ((var key, ZoneFact fact) in _facts)
        {
            if (fact.Until > now)
            {
                live.Add(fact);
            }
            else
            {
                (expired ??= []).Add(key);
            }
        }

        foreach (var key in expired ?? [])
        {
            _facts.Remove(key);
        }

        return live;
    }

    private void Set(ZoneFactKind kind, string subject, DateTimeOffset at)
    {
        if (_facts.TryGetValue((kind, subject), out ZoneFact? old) && old.At > at)
        {
            return; // a late report of something older than what is known
        }

        _facts[(kind, subject)] = new ZoneFact(kind, subject, at, at + decay, (old?.Count ?? 0) + 1);
    }

    private void Remove(ZoneFactKind kind, string subject, DateTimeOffset at)
    {
        if (_facts.TryGetValue((kind, subject), out ZoneFact? old) && old.At <= at)
        {
            _facts.Remove((kind, subject));
        }
    }

    private void Count(string vSwitchId, int delta, DateTimeOffset at)
    {
        int count = _facts.TryGetValue((ZoneFactKind.Placed, vSwitchId), out ZoneFact? old) ? old.Count : 0;
        _facts[(ZoneFactKind.Placed, vSwitchId)] = new ZoneFact(ZoneFactKind.Placed, vSwitchId, at, DateTimeOffset.MaxValue, Math.Max(0, count + delta));
    }
}
