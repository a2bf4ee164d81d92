namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// A pod grain's lifecycle as the dashboard's pod page shows it: the journal (oldest first; <paramref name="Dropped"/>
/// older entries fell out of the bounded ring), the row the pod list shows, the owning silo, the last view of the
/// container group ECI gave (its JSON, as the status poller saw it) and the status last written to Kubernetes (JSON).
/// Nothing here is persisted: a grain activated anew starts a new journal.
/// </summary>
[GenerateSerializer, Immutable, Alias("eci.PodJournalView")]
public sealed record PodJournalView(
    [property: Id(0)] PodSummary Summary,
    [property: Id(1)] string? Uid,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string? Message,
    [property: Id(4)] DateTimeOffset? NextAttemptAt,
    [property: Id(5)] DateTimeOffset ActivatedAt,
    [property: Id(6)] IReadOnlyList<JournalEntry> Entries,
    [property: Id(7)] long Dropped,
    [property: Id(8)] string? EciView,
    [property: Id(9)] DateTimeOffset? EciViewAt,
    [property: Id(10)] string? KubernetesStatus);
