namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// One line of a pod grain's lifecycle journal. <paramref name="Summary"/> is what a person reads; ECI calls also carry
/// their action, outcome (<c>Ok</c> or the error category), latency and ECI's RequestId.
/// </summary>
[GenerateSerializer, Immutable, Alias("eci.JournalEntry")]
public sealed record JournalEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] JournalEntryKind Kind,
    [property: Id(2)] string Summary)
{
    [Id(3)] public string? Detail { get; init; }

    [Id(4)] public string? Action { get; init; }

    [Id(5)] public string? Outcome { get; init; }

    [Id(6)] public double? LatencyMs { get; init; }

    [Id(7)] public string? RequestId { get; init; }
}
