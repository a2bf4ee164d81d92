namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A probe's TCP handler as ECI returns it.</summary>
public sealed record TcpSocketInfo
{
    /// <summary>The host.</summary>
    public string? Host { get; init; }

    /// <summary>The port.</summary>
    public int? Port { get; init; }
}
