namespace OrleansEci.Eci.Regions;

/// <summary><c>DestinationResource.{Category, Value, Cores, Memory}</c>.</summary>
public sealed record DestinationResource
{
    /// <summary><c>InstanceTypeFamily</c> or <c>InstanceType</c>. Required.</summary>
    public required string Category { get; init; }

    /// <summary>E.g. <c>ecs.c6</c> or <c>ecs.c5.large</c>.</summary>
    public string? Value { get; init; }

    /// <summary>vCPUs (with InstanceType).</summary>
    public int? Cores { get; init; }

    /// <summary>Memory in GiB (with InstanceType).</summary>
    public double? Memory { get; init; }
}
