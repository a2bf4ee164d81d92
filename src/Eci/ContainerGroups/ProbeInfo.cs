namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A probe as ECI returns it (<c>Execs</c> instead of <c>Exec.Command</c>).</summary>
public sealed record ProbeInfo
{
    /// <summary>The command handler.</summary>
    public IReadOnlyList<string> Execs { get; init; } = [];

    /// <summary>The HTTP handler.</summary>
    public HttpGetAction? HttpGet { get; init; }

    /// <summary>The TCP handler.</summary>
    public TcpSocketInfo? TcpSocket { get; init; }

    /// <summary>Seconds before the first probe.</summary>
    public int? InitialDelaySeconds { get; init; }

    /// <summary>Seconds between probes.</summary>
    public int? PeriodSeconds { get; init; }

    /// <summary>Probe timeout.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Success threshold.</summary>
    public int? SuccessThreshold { get; init; }

    /// <summary>Failure threshold.</summary>
    public int? FailureThreshold { get; init; }
}
