namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>Port.N.{Port, Protocol}</c>: a port (1–65535) and <c>TCP</c> or <c>UDP</c>.</summary>
public sealed record ContainerPort
{
    /// <summary>The port number.</summary>
    public int Port { get; init; }

    /// <summary><c>TCP</c> or <c>UDP</c>.</summary>
    public string? Protocol { get; init; }
}
