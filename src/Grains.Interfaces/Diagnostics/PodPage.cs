namespace OrleansEci.Grains.Diagnostics;

/// <summary>One page of matching pod rows and how many matched in all.</summary>
[GenerateSerializer, Immutable, Alias("eci.PodPage")]
public sealed record PodPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<PodSummary> Rows);
