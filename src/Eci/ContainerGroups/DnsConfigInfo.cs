namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A group's DNS configuration as ECI returns it (plural names, unlike the request).</summary>
public sealed record DnsConfigInfo
{
    /// <summary>Name servers.</summary>
    public IReadOnlyList<string> NameServers { get; init; } = [];

    /// <summary>Search domains.</summary>
    public IReadOnlyList<string> Searches { get; init; } = [];

    /// <summary>Resolver options.</summary>
    public IReadOnlyList<DnsOption> Options { get; init; } = [];
}
