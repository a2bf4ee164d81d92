namespace OrleansEci.Grains.Zones;

/// <summary>One outcome to learn from.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Specs">The spec keys it is about (<c>2-4Gi</c>, <c>ecs.c6.large</c>): for <see cref="ZoneOutcome.Created"/> the
/// spec ECI used or the specs sent, for stock outcomes the specs that lacked stock.</param>
/// <param name="VSwitchIds">The vSwitches it is about (placed on, out of addresses, released).</param>
/// <param name="SecurityGroupId">For <see cref="ZoneOutcome.SecurityGroupFull"/>: the full security group.</param>
/// <param name="At">When it happened (the reporter's clock).</param>
[GenerateSerializer, Immutable, Alias("eci.ZoneReport")]
public sealed record ZoneReport(
    [property: Id(0)] ZoneOutcome Outcome,
    [property: Id(1)] IReadOnlyList<string> Specs,
    [property: Id(2)] IReadOnlyList<string> VSwitchIds,
    [property: Id(3)] string? SecurityGroupId,
    [property: Id(4)] DateTimeOffset At);
