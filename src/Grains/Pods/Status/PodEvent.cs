namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// An ECI event to show on the pod (<c>kubectl describe pod</c>), with ECI's reason, message and type.
/// <paramref name="Key"/> identifies the event across polls: ECI aggregates a repeated event into one with a higher
/// <paramref name="Count"/> and later <paramref name="LastTimestamp"/> (eci-openapi.md §3.2), and the key stays the same,
/// so a poller posts a key once and afterwards only updates its count. <paramref name="Source"/> is ECI's component
/// (<c>EciService</c> for ECI's own events, <c>K8sAgent</c> for container events).
/// </summary>
public sealed record PodEvent(
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTime FirstTimestamp,
    DateTime LastTimestamp,
    string Key,
    string Source = EciEventTranslator.EciService);
