namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A resolver option, <c>DnsConfig.Option.N.{Name, Value}</c>.</summary>
public sealed record DnsOption
{
    /// <summary>The option, e.g. <c>ndots</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its value.</summary>
    public string? Value { get; init; }
}
