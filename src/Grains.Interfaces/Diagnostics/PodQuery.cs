namespace OrleansEci.Grains.Diagnostics;

/// <summary>
/// A filter over the pod index; every field is optional and they combine with AND. <see cref="Text"/> matches any part
/// of <c>namespace/name</c> or the container group id, case-insensitively; <see cref="StuckSince"/> keeps pods not
/// Running (and not finished) that were first seen before that time. Rows come sorted by key; <see cref="Skip"/> and
/// <see cref="Take"/> page them.
/// </summary>
[GenerateSerializer, Immutable, Alias("eci.PodQuery")]
public sealed record PodQuery
{
    [Id(0)] public string? Namespace { get; init; }

    [Id(1)] public string? Text { get; init; }

    [Id(2)] public string? Phase { get; init; }

    [Id(3)] public string? Zone { get; init; }

    [Id(4)] public DateTimeOffset? StuckSince { get; init; }

    [Id(5)] public bool ErrorsOnly { get; init; }

    [Id(6)] public int Skip { get; init; }

    [Id(7)] public int Take { get; init; } = 100;

    /// <summary>Whether <paramref name="row"/> passes every filter (paging aside).</summary>
    public bool Matches(PodSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (Namespace is not { Length: > 0 } ns || row.Namespace == ns)
            && (Phase is not { Length: > 0 } phase || string.Equals(row.Phase, phase, StringComparison.OrdinalIgnoreCase))
            && (Zone is not { Length: > 0 } zone || row.Zone == zone)
            && (!ErrorsOnly || row.Error is not null)
            && (StuckSince is not { } since || (row.FirstSeen < since && row.Phase is not ("Running" or "Succeeded" or "Failed")))
            && (Text is not { Length: > 0 } text || row.Key.Contains(text, StringComparison.OrdinalIgnoreCase)
                || row.ContainerGroupId?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);
    }
}
