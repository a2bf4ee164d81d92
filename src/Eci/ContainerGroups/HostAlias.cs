using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>An /etc/hosts entry, <c>HostAliase.N.{Ip, Hostname.N}</c> (ECI's spelling); also ECI's answer shape <c>{Ip, Hostnames}</c>.</summary>
public sealed record HostAlias
{
    /// <summary>The IP.</summary>
    public required string Ip { get; init; }

    /// <summary>Its host names.</summary>
    [WireName("Hostname")]
    public required IReadOnlyList<string> Hostnames { get; init; }
}
