using System.Globalization;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>Reading and writing <c>metadata</c> fields of a JSON object.</summary>
public static class Meta
{
    public static JsonObject Of(JsonObject obj) => KubeJson.GetOrAddObject(obj, "metadata");

    public static string? Name(JsonObject obj) => KubeJson.GetString(obj, "metadata", "name");

    public static string? Namespace(JsonObject obj) => KubeJson.GetString(obj, "metadata", "namespace");

    public static string? Uid(JsonObject obj) => KubeJson.GetString(obj, "metadata", "uid");

    public static string? ResourceVersion(JsonObject obj) => KubeJson.GetString(obj, "metadata", "resourceVersion");

    public static string? DeletionTimestamp(JsonObject obj) => KubeJson.GetString(obj, "metadata", "deletionTimestamp");

    public static long? DeletionGracePeriodSeconds(JsonObject obj) => KubeJson.GetInt64((obj["metadata"] as JsonObject)?["deletionGracePeriodSeconds"]);

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["finalizers"] is JsonArray list
            ? [.. list.Select(f => f is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")]
            : [];

    public static void SetFinalizers(JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        if (list.Count == 0)
        {
            Of(obj).Remove("finalizers");
        }
        else
        {
            Of(obj)["finalizers"] = new JsonArray([.. list.Select(f => (JsonNode)f)]);
        }
    }

    /// <summary>RFC 3339 in whole seconds, UTC: how metav1.Time serializes.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    /// <summary>Sets a label (creating <c>metadata.labels</c>).</summary>
    public static void SetLabel(JsonObject obj, string key, string value) => KubeJson.GetOrAddObject(Of(obj), "labels")[key] = value;

    /// <summary>True when anything outside <c>metadata</c> and <c>status</c> differs: what bumps <c>metadata.generation</c>.</summary>
    public static bool SpecChanged(JsonObject a, JsonObject b)
    {
        var keys = a.Select(p => p.Key).Concat(b.Select(p => p.Key))
            .Where(k => k is not ("metadata" or "status" or "kind" or "apiVersion"))
            .Distinct(StringComparer.Ordinal);
        return keys.Any(k => !JsonNode.DeepEquals(a[k], b[k]));
    }
}
