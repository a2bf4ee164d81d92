namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// <c>LivenessProbe.*</c> / <c>ReadinessProbe.*</c>: timings and exactly one handler
/// (<see cref="HttpGet"/>, <see cref="TcpSocket"/> or <see cref="Exec"/>).
/// </summary>
public sealed record Probe
{
    /// <summary>Seconds before the first probe.</summary>
    public int? InitialDelaySeconds { get; init; }

    /// <summary>Seconds between probes (ECI default 10).</summary>
    public int? PeriodSeconds { get; init; }

    /// <summary>Probe timeout in seconds (ECI default 1).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Successes to count as healthy (ECI default 1; must be 1 for liveness).</summary>
    public int? SuccessThreshold { get; init; }

    /// <summary>Failures to count as unhealthy (ECI default 3).</summary>
    public int? FailureThreshold { get; init; }

    /// <summary>An HTTP GET handler.</summary>
    public HttpGetAction? HttpGet { get; init; }

    /// <summary>A TCP handler.</summary>
    public TcpSocketAction? TcpSocket { get; init; }

    /// <summary>A command handler.</summary>
    public ExecAction? Exec { get; init; }
}
