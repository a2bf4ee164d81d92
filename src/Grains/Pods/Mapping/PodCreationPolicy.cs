namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// What the pod's annotations ask of the pod grain rather than of ECI: how to treat failed creations and spot
/// instances (eci-annotations-current.md §1–2).
/// </summary>
/// <param name="FailStrategy">From <c>eci-fail-strategy</c>, or the older <c>pod-fail-on-create-err</c> /
/// <c>eci-reschedule-enable</c>.</param>
/// <param name="SpotFallback"><c>eci-spot-fallback</c>: create on demand when spot stock is short.</param>
/// <param name="EvictOnSpotRelease"><c>eci-spot-release-strategy: api-evict</c>: on SpotToBeReleased, evict the pod
/// through the Eviction API.</param>
public sealed record PodCreationPolicy(CreateFailStrategy FailStrategy, bool SpotFallback, bool EvictOnSpotRelease)
{
    /// <summary>No annotation: retry and stay Pending.</summary>
    public static PodCreationPolicy Default { get; } = new(CreateFailStrategy.FailBack, false, false);
}
