namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A container's <c>CurrentState</c> or <c>PreviousState</c>.</summary>
public sealed record ContainerStateInfo
{
    /// <summary><c>Waiting</c>, <c>Running</c> or <c>Terminated</c>.</summary>
    public string? State { get; init; }

    /// <summary>A finer status.</summary>
    public string? DetailStatus { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>Details.</summary>
    public string? Message { get; init; }

    /// <summary>The exit code (Terminated).</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal (Terminated).</summary>
    public int? Signal { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishTime { get; init; }
}
