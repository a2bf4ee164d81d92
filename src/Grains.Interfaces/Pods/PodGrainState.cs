namespace OrleansEci.Grains.Pods;

/// <summary>A pod grain's lifecycle as the dashboard and the kubelet API see it.</summary>
[GenerateSerializer, Immutable, Alias("eci.PodGrainState")]
public sealed record PodGrainState(
    [property: Id(0)] string Uid,
    [property: Id(1)] string NodeName,
    [property: Id(2)] PodStage Stage,
    [property: Id(3)] string? ContainerGroupId,
    [property: Id(4)] string? GroupStatus,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string? Reason,
    [property: Id(7)] string? Message,
    [property: Id(8)] DateTimeOffset? NextAttemptAt)
{
    /// <summary>When ECI releases the pod's spot instance, once it gave notice (SpotToBeReleased); null otherwise.</summary>
    [Id(9)] public DateTimeOffset? SpotReleaseAt { get; init; }

    /// <summary>How often the pod's group was created afresh after ECI could not schedule it or lost it.</summary>
    [Id(10)] public int Reschedules { get; init; }
}
