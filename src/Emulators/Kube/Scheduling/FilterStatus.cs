namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// Why a node does not fit a pod: the reasons a filter plugin gives (each counted in the FailedScheduling message) and
/// whether removing pods could help (Unschedulable) or not (UnschedulableAndUnresolvable), which decides the preemption part.
/// </summary>
internal sealed record FilterStatus(IReadOnlyList<string> Reasons, bool Unresolvable);
