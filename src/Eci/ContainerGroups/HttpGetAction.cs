namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A probe's <c>HttpGet.{Path, Port, Scheme}</c> (also the shape ECI returns).</summary>
public sealed record HttpGetAction
{
    /// <summary>The path.</summary>
    public string? Path { get; init; }

    /// <summary>The port.</summary>
    public int? Port { get; init; }

    /// <summary><c>HTTP</c> or <c>HTTPS</c>.</summary>
    public string? Scheme { get; init; }
}
