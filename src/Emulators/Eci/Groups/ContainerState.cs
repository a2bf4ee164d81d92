namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>A container's <c>CurrentState</c>/<c>PreviousState</c>: <c>Waiting</c>, <c>Running</c> or <c>Terminated</c>.</summary>
internal sealed record ContainerState(
    string State,
    string? Reason,
    string? Message,
    DateTimeOffset? StartTime,
    DateTimeOffset? FinishTime,
    int? ExitCode,
    int? Signal)
{
    public static ContainerState Waiting(string reason, string? message = null) => new("Waiting", reason, message, null, null, null, null);

    public static ContainerState Running(DateTimeOffset at) => new("Running", null, null, at, null, null, null);

    /// <summary>Kubernetes-style detail status: the reason when there is one, else the state.</summary>
    public string DetailStatus => Reason ?? State;
}
