namespace OrleansEci.Eci.Status;

/// <summary>A terminated state.</summary>
public sealed record TerminatedStateDetail
{
    /// <summary>The container id (wire name <c>ContainerID</c>).</summary>
    public string? ContainerId { get; init; }

    /// <summary>The exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal.</summary>
    public int? Signal { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>Details.</summary>
    public string? Message { get; init; }

    /// <summary>Started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
