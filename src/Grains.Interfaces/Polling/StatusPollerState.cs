namespace OrleansEci.Grains.Polling;

/// <summary>What the status poller has done since it started.</summary>
[GenerateSerializer, Immutable, Alias("eci.StatusPollerState")]
public sealed record StatusPollerState(
    [property: Id(0)] int TrackedGroups,
    [property: Id(1)] int FreshGroups,
    [property: Id(2)] long DeltaPolls,
    [property: Id(3)] long EventPolls,
    [property: Id(4)] long FreshPolls,
    [property: Id(5)] long Sweeps,
    [property: Id(6)] long Deliveries,
    [property: Id(7)] long Orphans);
