namespace OrleansEci.Grains.Zones;

/// <summary>
/// One zone's facts as a ranking reads them: this silo's own knowledge merged with the zone grain's last snapshot
/// (for each fact the newer copy wins; placed counts take the larger). A refusal counts only while no later success
/// contradicts it.
/// </summary>
internal sealed class ZoneView
{
    private readonly Dictionary<(ZoneFactKind Kind, string Subject), ZoneFact> _facts = [];

    private ZoneView()
    {
    }

    /// <summary>Nothing known.</summary>
    public static ZoneView Empty { get; } = new();

    /// <summary>The facts of <paramref name="sources"/> still in force at <paramref name="now"/>, merged.</summary>
    public static ZoneView Merge(DateTimeOffset now, params IEnumerable<IEnumerable<ZoneFact>?> sources)
    {
        var view = new ZoneView();
        foreach (IEnumerable<ZoneFact>? source in sources)
        {
            foreach (ZoneFact fact in source ?? [])
            {
                if (fact.Until <= now)
                {
                    continue;
                }

                var key = (fact.Kind, fact.Subject);
                if (!view._facts.TryGetValue(key, out ZoneFact? known))
                {
                    view._facts[key] = fact;
                }
                else if (fact.Kind == ZoneFactKind.Placed)
                {
                    view._facts[key] = fact.Count > known.Count ? fact : known;
                }
                else if (fact.At > known.At)
                {
                    view._facts[key] = fact;
                }
            }
        }

        return view;
    }

    public IReadOnlyCollection<ZoneFact> Facts => _facts.Values;

    /// <summary>Closed for new instances (<c>StockClose</c>) and no success since.</summary>
    public bool IsClosed => Find(ZoneFactKind.ZoneClosed, "") is { } closed
        && !_facts.Values.Any(f => f.Kind == ZoneFactKind.SpecAvailable && f.At > closed.At);

    /// <summary>Refused for lack of stock, with no success since.</summary>
    public bool IsSpecOut(string spec) => IsClosed || Newer(ZoneFactKind.SpecOut, ZoneFactKind.SpecAvailable, spec);

    /// <summary>ECI said the stock is about to run out.</summary>
    public bool IsSpecLow(string spec) => Find(ZoneFactKind.SpecLow, spec) is not null;

    /// <summary>A create with the spec succeeded recently.</summary>
    public bool IsSpecAvailable(string spec) => Newer(ZoneFactKind.SpecAvailable, ZoneFactKind.SpecOut, spec);

    /// <summary>Out of addresses, and no group placed or deleted there since.</summary>
    public bool IsVSwitchFull(string vSwitchId) => Find(ZoneFactKind.VSwitchFull, vSwitchId) is { } full
        && !(Find(ZoneFactKind.Placed, vSwitchId) is { } placed && placed.At > full.At);

    public bool IsSecurityGroupFull(string securityGroupId) => Find(ZoneFactKind.SecurityGroupFull, securityGroupId) is not null;

    /// <summary>Groups this runtime has on the vSwitch.</summary>
    public int Placed(string vSwitchId) => Find(ZoneFactKind.Placed, vSwitchId)?.Count ?? 0;

    private bool Newer(ZoneFactKind kind, ZoneFactKind contradiction, string spec) =>
        Find(kind, spec) is { } fact && !(Find(contradiction, spec) is { } other && other.At > fact.At);

    private ZoneFact? Find(ZoneFactKind kind, string subject) => _facts.GetValueOrDefault((kind, subject));
}
