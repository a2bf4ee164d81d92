namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// One row of the pod index: what the dashboard's pod list shows and filters on, sent by the pod grain when any of it
/// changes. <paramref name="Key"/> is <c>namespace/name</c>; <paramref name="Phase"/> is the phase last written to
/// Kubernetes (Pending before any); <paramref name="Error"/> the reason of the last failure, null when none is current.
/// </summary>
[GenerateSerializer, Immutable, Alias("eci.PodSummary")]
public sealed record PodSummary(
    [property: Id(0)] string Key,
    [property: Id(1)] string Node,
    [property: Id(2)] string Stage,
    [property: Id(3)] string Phase,
    [property: Id(4)] string? Zone,
    [property: Id(5)] string? ContainerGroupId,
    [property: Id(6)] int Attempts,
    [property: Id(7)] string? Error,
    [property: Id(8)] DateTimeOffset FirstSeen,
    [property: Id(9)] DateTimeOffset Updated,
    [property: Id(10)] string? Silo)
{
    public string Namespace => Key[..Math.Max(0, Key.IndexOf('/', StringComparison.Ordinal))];

    public string Name => Key[(Key.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
