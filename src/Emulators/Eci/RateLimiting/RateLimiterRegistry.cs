using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Eci.RateLimiting;

/// <summary>The limiters of every action, created on first use from the current <see cref="RateLimitOptions"/>.</summary>
internal sealed class RateLimiterRegistry(RateLimitOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ActionLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitRule> _rules = new(options.PerAction, StringComparer.Ordinal);
    private volatile bool _unlimited = options.Unlimited;

    public bool Unlimited
    {
        get => _unlimited;
        set => _unlimited = value;
    }

    /// <summary>Null when the call may proceed; else the throttling headers.</summary>
    public IReadOnlyDictionary<string, string>? TryAcquire(string action)
    {
        if (_unlimited)
        {
            return null;
        }

        DateTimeOffset now = time.GetUtcNow();
        ActionLimiter limiter = _limiters.GetOrAdd(action, static (a, s) =>
            new ActionLimiter(s.rules.GetValueOrDefault(a) ?? s.fallback, s.now), (rules: _rules, fallback: options.Default, now));
        return limiter.TryAcquire(now);
    }

    public void SetRule(string action, RateLimitRule rule)
    {
        _rules[action] = rule;
        _limiters[action] = new ActionLimiter(rule, time.GetUtcNow());
    }

    public void Reset()
    {
        _limiters.Clear();
        _rules.Clear();
        foreach (KeyValuePair<string, RateLimitRule> kv in options.PerAction)
        {
            _rules[kv.Key] = kv.Value;
        }

        _unlimited = options.Unlimited;
    }
}
