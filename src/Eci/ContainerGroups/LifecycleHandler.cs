using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// A post-start or pre-stop hook. ECI spells these flat under the container
/// (<c>LifecyclePreStopHandlerExec.N</c>, <c>LifecyclePreStopHandlerHttpGetPort</c>, ...),
/// see <see cref="ContainerDefinition.PostStart"/>; set one kind of handler.
/// </summary>
public sealed record LifecycleHandler
{
    /// <summary><c>...HandlerExec.N</c>: a command.</summary>
    [WireName("Exec")]
    public IReadOnlyList<string>? ExecCommand { get; init; }

    /// <summary><c>...HandlerHttpGetHost</c>.</summary>
    public string? HttpGetHost { get; init; }

    /// <summary><c>...HandlerHttpGetPath</c>.</summary>
    public string? HttpGetPath { get; init; }

    /// <summary><c>...HandlerHttpGetPort</c>.</summary>
    public int? HttpGetPort { get; init; }

    /// <summary><c>...HandlerHttpGetScheme</c>: <c>HTTP</c> or <c>HTTPS</c>.</summary>
    public string? HttpGetScheme { get; init; }

    /// <summary><c>...HandlerHttpGetHttpHeader.N.{Name, Value}</c>.</summary>
    [WireName("HttpGetHttpHeader")]
    public IReadOnlyList<HttpHeader>? HttpGetHttpHeaders { get; init; }

    /// <summary><c>...HandlerTcpSocketHost</c>.</summary>
    public string? TcpSocketHost { get; init; }

    /// <summary><c>...HandlerTcpSocketPort</c>.</summary>
    public int? TcpSocketPort { get; init; }
}
