namespace OrleansEci.Emulators.Eci.Control;

/// <summary>
/// Active fault rules. <see cref="Match"/> picks, for one call, each kind of fault that fires (a rule with a count
/// fires exactly that many times, even under concurrency). A volatile empty check keeps the no-fault path lock-free.
/// </summary>
internal sealed class FaultInjector(Random random)
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private volatile bool _any;

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
            _any = true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _any = false;
        }
    }

    /// <summary>
    /// The rules that fire for this call of <paramref name="action"/>, at most one per kind. Rules that end the call
    /// before the work (throttle, error) are tried first; when one fires, rules that act on the work's outcome
    /// (timeout-after-success, schedule-failure) do not fire and keep their count, since they would have no effect.
    /// <paramref name="vSwitchIds"/> is the call's <c>VSwitchId</c> parameter (comma-separated), for rules limited to one.
    /// </summary>
    public IReadOnlyList<FaultRule> Match(string action, string? vSwitchIds = null)
    {
        if (!_any)
        {
            return [];
        }

        lock (_gate)
        {
            List<FaultRule> fired = [];
            foreach (FaultRule rule in _rules.OrderBy(r => EndsCall(r.Kind) ? 0 : 1).ToList())
            {
                if ((rule.Action is not null && rule.Action != action) || fired.Exists(f => f.Kind == rule.Kind)
                    || (rule.VSwitchId is not null && !Lists(vSwitchIds, rule.VSwitchId))
                    || (ActsOnOutcome(rule.Kind) && fired.Exists(f => EndsCall(f.Kind)))
                    || (rule.Fraction < 1 && NextDouble() >= rule.Fraction))
                {
                    continue;
                }

                fired.Add(rule);
                if (rule.Count is int n)
                {
                    rule.Count = n - 1;
                    if (n - 1 <= 0)
                    {
                        _rules.Remove(rule);
                    }
                }
            }

            _any = _rules.Count > 0;
            return fired;
        }
    }

    private static bool Lists(string? commaSeparated, string id) =>
        commaSeparated is not null && commaSeparated.Split(',', StringSplitOptions.TrimEntries).Contains(id, StringComparer.Ordinal);

    private static bool EndsCall(string kind) => kind is "throttle" or "error";

    private static bool ActsOnOutcome(string kind) => kind is "timeout-after-success" or "schedule-failure";

    private double NextDouble()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }
}
