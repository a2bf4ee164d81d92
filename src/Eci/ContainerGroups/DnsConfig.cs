using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>DnsConfig.{NameServer.N, Search.N, Option.N.*}</c>.</summary>
public sealed record DnsConfig
{
    /// <summary>Name server IPs.</summary>
    [WireName("NameServer")]
    public IReadOnlyList<string>? NameServers { get; init; }

    /// <summary>Search domains.</summary>
    [WireName("Search")]
    public IReadOnlyList<string>? Searches { get; init; }

    /// <summary>Resolver options.</summary>
    [WireName("Option")]
    public IReadOnlyList<DnsOption>? Options { get; init; }
}
