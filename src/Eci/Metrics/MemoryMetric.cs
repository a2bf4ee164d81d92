namespace OrleansEci.Eci.Metrics;

/// <summary>Memory use in bytes.</summary>
public sealed record MemoryMetric
{
    /// <summary>Available.</summary>
    public long? AvailableBytes { get; init; }

    /// <summary>Page cache.</summary>
    public long? Cache { get; init; }

    /// <summary>RSS.</summary>
    public long? Rss { get; init; }

    /// <summary>Used.</summary>
    public long? UsageBytes { get; init; }

    /// <summary>Working set.</summary>
    public long? WorkingSet { get; init; }
}
