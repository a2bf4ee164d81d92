namespace OrleansEci.Emulators.Eci.RateLimiting;

/// <summary>
/// One action's limiter on the emulator's <see cref="TimeProvider"/>. Hand-written because
/// System.Threading.RateLimiting's limiters read the wall clock and cannot run on a FakeTimeProvider.
/// A small lock per action; calls of different actions never contend.
/// </summary>
internal sealed class ActionLimiter(RateLimitRule rule, DateTimeOffset now)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private double _tokens = rule.Limit;
    private DateTimeOffset _last = now;
    private long _windowStartTicks = Floor(now);
    private int _used;

    public RateLimitRule Rule => rule;

    /// <summary>Takes one call; on refusal, the headers ECI sends (<c>x-ratelimit-user-api</c>).</summary>
    public IReadOnlyDictionary<string, string>? TryAcquire(DateTimeOffset at)
    {
        lock (_gate)
        {
            return rule.IsTokenBucket ? TakeToken(at) : TakeInWindow(at);
        }
    }

    private Dictionary<string, string>? TakeToken(DateTimeOffset at)
    {
        if (at > _last)
        {
            _tokens = Math.Min(rule.Limit, _tokens + ((at - _last).TotalSeconds * rule.RefillPerSecond));
            _last = at;
        }

        if (_tokens >= 1)
        {
            _tokens -= 1;
            return null;
        }

        TimeSpan left = TimeSpan.FromSeconds((1 - _tokens) / rule.RefillPerSecond);
        return Headers(0, left, at + left);
    }

    private Dictionary<string, string>? TakeInWindow(DateTimeOffset at)
    {
        long start = Floor(at);
        if (start != _windowStartTicks)
        {
            _windowStartTicks = start;
            _used = 0;
        }

        if (_used < rule.Limit)
        {
            _used++;
            return null;
        }

        DateTimeOffset reset = new(start + Window.Ticks, TimeSpan.Zero);
        return Headers(0, reset - at, reset);
    }

    // Format parsed by Alibaba's SDKs (openapi-util GetThrottlingTimeLeft: "Limit:1,Remain:0,TimeLeft:2000,Reset:1234",
    // TimeLeft in milliseconds per the Python runtime's docstring).
    private Dictionary<string, string> Headers(int remain, TimeSpan timeLeft, DateTimeOffset reset) => new(StringComparer.Ordinal)
    {
        ["x-ratelimit-user-api"] = FormattableString.Invariant(
            $"Limit:{rule.Limit},Remain:{remain},TimeLeft:{(long)Math.Ceiling(timeLeft.TotalMilliseconds)},Reset:{reset.ToUnixTimeSeconds()}"),
    };

    private static long Floor(DateTimeOffset at) => at.UtcTicks - (at.UtcTicks % Window.Ticks);
}
