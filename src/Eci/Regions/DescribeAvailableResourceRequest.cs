namespace OrleansEci.Eci.Regions;

/// <summary>DescribeAvailableResource (eci-openapi.md §3.9): stock of ECS types or families per zone.</summary>
public sealed record DescribeAvailableResourceRequest
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>Only this zone.</summary>
    public string? ZoneId { get; init; }

    /// <summary>What to look up. Required.</summary>
    public required DestinationResource DestinationResource { get; init; }

    /// <summary>Spot conditions.</summary>
    public SpotResource? SpotResource { get; init; }
}
