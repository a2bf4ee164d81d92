namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>The outcome of one scheduling cycle: the chosen node, or the FailedScheduling message.</summary>
internal sealed record ScheduleResult(string? NodeName, string? FailureMessage);
