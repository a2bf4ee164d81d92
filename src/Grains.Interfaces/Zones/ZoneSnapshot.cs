namespace OrleansEci.Grains.Zones;

/// <summary>A zone's knowledge at one moment: the facts still in force, compact enough to copy to every silo.</summary>
/// <param name="ZoneKey">The grain key, <c>region/zone</c>.</param>
/// <param name="Version">Bumped on every change, so a cache can tell a new snapshot from the one it has.</param>
/// <param name="Facts">The facts in force at <paramref name="TakenAt"/>.</param>
/// <param name="TakenAt">When the snapshot was taken (the zone grain's clock).</param>
[GenerateSerializer, Immutable, Alias("eci.ZoneSnapshot")]
public sealed record ZoneSnapshot(
    [property: Id(0)] string ZoneKey,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<ZoneFact> Facts,
    [property: Id(3)] DateTimeOffset TakenAt);
