using Microsoft.Net.Http.Headers;

namespace OrleansEci.Emulators.Kube.Negotiation;

/// <summary>
/// One entry of an Accept header, e.g. <c>application/json;as=Table;v=v1;g=meta.k8s.io</c>, with the
/// Kubernetes parameters (<c>as</c>, <c>g</c>, <c>v</c>) parsed out.
/// </summary>
public sealed record MediaRange(string MediaType, string? As, string? Group, string? Version, double Quality)
{
    /// <summary>Parses an Accept header in the client's order of preference (quality, then position).</summary>
    public static IReadOnlyList<MediaRange> ParseAccept(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return [new MediaRange("*/*", null, null, null, 1)];
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var values))
        {
            return [new MediaRange("*/*", null, null, null, 1)];
        }

        return [.. values
            .Select((v, i) => (Range: new MediaRange(
                v.MediaType.Value?.ToLowerInvariant() ?? "*/*",
                Param(v, "as"), Param(v, "g"), Param(v, "v"), v.Quality ?? 1), Index: i))
            .OrderByDescending(t => t.Range.Quality).ThenBy(t => t.Index).Select(t => t.Range)];
    }

    /// <summary>Plain JSON (no <c>as=</c> conversion), including wildcards.</summary>
    public bool IsPlainJson => As is null && MediaType is "application/json" or "application/*" or "*/*";

    private static string? Param(MediaTypeHeaderValue value, string name) =>
        value.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"');
}
