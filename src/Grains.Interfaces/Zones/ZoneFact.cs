namespace OrleansEci.Grains.Zones;

/// <summary>One thing known about a zone, and until when it is believed.</summary>
/// <param name="Kind">What kind of fact.</param>
/// <param name="Subject">A spec key, vSwitch id or security group id (empty for <see cref="ZoneFactKind.ZoneClosed"/>).</param>
/// <param name="At">When it was last learned.</param>
/// <param name="Until">When it stops being believed (<see cref="DateTimeOffset.MaxValue"/> for counters).</param>
/// <param name="Count">For <see cref="ZoneFactKind.Placed"/>: groups placed; otherwise how often it was reported.</param>
[GenerateSerializer, Immutable, Alias("eci.ZoneFact")]
public sealed record ZoneFact(
    [property: Id(0)] ZoneFactKind Kind,
    [property: Id(1)] string Subject,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset Until,
    [property: Id(4)] int Count);
