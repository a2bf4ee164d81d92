namespace OrleansEci.Eci.Configuration;

/// <summary>
/// A client-side token bucket for one ECI action: up to <see cref="TokenLimit"/> calls at once,
/// refilled by <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/> (continuously,
/// pro rata). The names follow System.Threading.RateLimiting's TokenBucketRateLimiterOptions.
/// </summary>
public sealed record EciRateLimit
{
    /// <summary>No client-side limit (for benchmarks against an unlimited emulator). A new instance each time, so configuration binding can never alter a shared one.</summary>
    public static EciRateLimit Unlimited => new() { TokenLimit = int.MaxValue, TokensPerPeriod = int.MaxValue, ReplenishmentPeriod = TimeSpan.FromSeconds(1), IsUnlimited = true };

    /// <summary>The bucket size: calls that may go at once after a quiet period.</summary>
    public int TokenLimit { get; init; }

    /// <summary>Tokens added per <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; init; }

    /// <summary>The refill period.</summary>
    public TimeSpan ReplenishmentPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True for <see cref="Unlimited"/>: no bucket at all.</summary>
    public bool IsUnlimited { get; init; }

    /// <summary>A published "burst B, refill R per second" token bucket.</summary>
    public static EciRateLimit Bucket(int tokenLimit, int tokensPerSecond) =>
        new() { TokenLimit = tokenLimit, TokensPerPeriod = tokensPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// A published "N calls per 60 s" limit as a bucket that can never exceed N in any 60-second
    /// window: burst N/10, refill 0.9·N per minute (N/10 + 0.9·N = N).
    /// </summary>
    public static EciRateLimit PerMinute(int callsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerMinute, 10);
        return new()
        {
            TokenLimit = callsPerMinute / 10,
            TokensPerPeriod = callsPerMinute - (callsPerMinute / 10),
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        };
    }
}
