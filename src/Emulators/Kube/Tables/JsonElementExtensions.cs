using System.Globalization;
using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>
/// Read-only access to stored objects for printers, with Go's zero values for absent fields ("" for strings, 0 for
/// numbers, false for booleans), as the real printers see them after decoding into Go structs.
/// </summary>
internal static class JsonElementExtensions
{
    public static JsonElement? At(this JsonElement element, params ReadOnlySpan<string> path)
    {
        foreach (var step in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Null ? null : element;
    }

    public static bool Has(this JsonElement element, params ReadOnlySpan<string> path) => element.At(path) is not null;

    public static string Str(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : "";

    public static long Int(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : 0;

    public static bool Bool(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.At(path) is { ValueKind: JsonValueKind.True };

    /// <summary>An RFC 3339 timestamp (Time or MicroTime); null when absent or unreadable.</summary>
    public static DateTimeOffset? Time(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    public static IEnumerable<JsonElement> Items(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static IEnumerable<JsonProperty> Entries(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.At(path) is { ValueKind: JsonValueKind.Object } map ? map.EnumerateObject() : [];

    public static int Count(this JsonElement element, params ReadOnlySpan<string> path) => element.At(path) switch
    {
        { ValueKind: JsonValueKind.Array } array => array.GetArrayLength(),
        { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Count(),
        _ => 0,
    };

    public static string Name(this JsonElement element) => element.Str("metadata", "name");

    /// <summary>The AGE cell: translateTimestampSince(metadata.creationTimestamp).</summary>
    public static string Age(this JsonElement element, DateTimeOffset now) =>
        HumanDuration.Since(element.Time("metadata", "creationTimestamp"), now);
}
