namespace OrleansEci.Emulators.Eci.RateLimiting;

/// <summary>
/// Per-action flow control answered with <c>Throttling.User</c>. Defaults are ECI's published figures
/// (reference §6: https://help.aliyun.com/en/eci/product-overview/limits and the "Flow control information" page).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>True turns flow control off entirely (for overhead benchmarks). Default false.</summary>
    public bool Unlimited { get; set; }

    /// <summary>Rules by action name.</summary>
    public Dictionary<string, RateLimitRule> PerAction { get; } = new(StringComparer.Ordinal)
    {
        ["CreateContainerGroup"] = RateLimitRule.TokenBucket(100, 20),
        ["DeleteContainerGroup"] = RateLimitRule.TokenBucket(100, 20),
        ["DescribeContainerGroups"] = RateLimitRule.PerMinute(2000),
        ["DescribeContainerGroupStatus"] = RateLimitRule.PerMinute(10_000),
        ["DescribeContainerGroupEvents"] = RateLimitRule.PerMinute(10_000),
        ["DescribeRegions"] = RateLimitRule.PerMinute(10_000),
        ["DescribeContainerGroupMetric"] = RateLimitRule.PerMinute(2000),
        ["DescribeMultiContainerGroupMetric"] = RateLimitRule.PerMinute(2000),
        ["DescribeContainerGroupPrice"] = RateLimitRule.PerMinute(1000),
        ["RestartContainerGroup"] = RateLimitRule.PerMinute(1000),
        ["UpdateContainerGroup"] = RateLimitRule.PerMinute(1000),
        ["ExecContainerCommand"] = RateLimitRule.PerMinute(500),
        ["DescribeContainerLog"] = RateLimitRule.PerMinute(500),
    };

    /// <summary>Rule for actions not in <see cref="PerAction"/> (DescribeAvailableResource, ListUsage: not published).
    /// Default 1000/min.</summary>
    public RateLimitRule Default { get; set; } = RateLimitRule.PerMinute(1000);
}
