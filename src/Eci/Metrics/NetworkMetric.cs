namespace OrleansEci.Eci.Metrics;

/// <summary>Network use.</summary>
public sealed record NetworkMetric
{
    /// <summary>Per interface.</summary>
    public IReadOnlyList<InterfaceMetric> Interfaces { get; init; } = [];
}
