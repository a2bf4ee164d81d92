namespace OrleansEci.Eci.Regions;

/// <summary><c>SpotResource.{SpotStrategy, SpotPriceLimit, SpotDuration}</c>.</summary>
public sealed record SpotResource
{
    /// <summary>The spot strategy.</summary>
    public string? SpotStrategy { get; init; }

    /// <summary>The price limit.</summary>
    public double? SpotPriceLimit { get; init; }

    /// <summary>The protection period in hours.</summary>
    public long? SpotDuration { get; init; }
}
