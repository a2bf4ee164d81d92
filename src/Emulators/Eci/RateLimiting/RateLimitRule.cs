namespace OrleansEci.Emulators.Eci.RateLimiting;

/// <summary>One action's flow-control rule: a token bucket (Create/Delete) or N calls per minute (the others).</summary>
public sealed class RateLimitRule
{
    private RateLimitRule(int limit, double refillPerSecond, bool isTokenBucket)
    {
        Limit = limit;
        RefillPerSecond = refillPerSecond;
        IsTokenBucket = isTokenBucket;
    }

    /// <summary>Bucket capacity (burst), or calls allowed per minute window.</summary>
    public int Limit { get; }

    /// <summary>Tokens added per second (token bucket only).</summary>
    public double RefillPerSecond { get; }

    /// <summary>True for a token bucket, false for a per-minute fixed window.</summary>
    public bool IsTokenBucket { get; }

    /// <summary>A bucket of <paramref name="burst"/> tokens refilled at <paramref name="perSecond"/>.</summary>
    public static RateLimitRule TokenBucket(int burst, double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        return new RateLimitRule(burst, perSecond, true);
    }

    /// <summary><paramref name="calls"/> per minute, in fixed windows aligned to the minute.</summary>
    public static RateLimitRule PerMinute(int calls)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        return new RateLimitRule(calls, 0, false);
    }

    /// <inheritdoc />
    public override string ToString() => IsTokenBucket ? $"burst {Limit}, {RefillPerSecond}/s" : $"{Limit}/min";
}
