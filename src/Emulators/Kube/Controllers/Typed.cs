using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>Typed views of stored objects (KubernetesClient models), for controller logic that reads many fields.</summary>
internal static class Typed
{
    public static T Read<T>(StoredObject stored)
    {
        using var stream = new MemoryStream(stored.Json, writable: false);
        return KubernetesJson.Deserialize<T>(stream);
    }

    public static T Read<T>(JsonObject obj) => KubernetesJson.Deserialize<T>(obj);

    /// <summary>The object-form selector as a <see cref="LabelSelector"/> (null selects nothing, as LabelSelectorAsSelector).</summary>
    public static LabelSelector Selector(V1LabelSelector? selector) =>
        selector is null ? LabelSelector.Nothing : LabelSelector.FromJson(JsonNode.Parse(KubernetesJson.Serialize(selector)) as JsonObject);

    public static IReadOnlyDictionary<string, string> Labels(V1ObjectMeta? meta) =>
        meta?.Labels is IReadOnlyDictionary<string, string> labels ? labels
        : meta?.Labels is { } other ? new Dictionary<string, string>(other, StringComparer.Ordinal)
        : new Dictionary<string, string>(StringComparer.Ordinal);

    public static DateTimeOffset? Time(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
