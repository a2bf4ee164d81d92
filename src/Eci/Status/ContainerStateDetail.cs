namespace OrleansEci.Eci.Status;

/// <summary>A Kubernetes-style container state: one of Running, Terminated, Waiting.</summary>
public sealed record ContainerStateDetail
{
    /// <summary>Running.</summary>
    public RunningStateDetail? Running { get; init; }

    /// <summary>Terminated.</summary>
    public TerminatedStateDetail? Terminated { get; init; }

    /// <summary>Waiting.</summary>
    public WaitingStateDetail? Waiting { get; init; }
}
