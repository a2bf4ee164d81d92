using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// A webhook's <c>namespaceSelector</c> and <c>objectSelector</c>, as the predicates/namespace and predicates/object
/// matchers: cluster-scoped objects other than namespaces are never excluded by the namespace selector; a namespace
/// being created or updated is matched by its own labels; the object selector matches the new or the old object.
/// </summary>
internal static class WebhookSelectors
{
    public static bool MatchNamespace(JsonObject webhook, AdmissionRequest request, ObjectStore store, Resources.ResourceType namespaces)
    {
        var isNamespace = request.Type.Group.Length == 0 && request.Type.Plural == "namespaces";
        if (string.IsNullOrEmpty(request.Namespace) && !isNamespace)
        {
            return true;
        }

        var selector = Selector(webhook["namespaceSelector"]);
        if (selector.IsEverything)
        {
            return true;
        }

        if (isNamespace && request.Subresource is null && request.Operation is AdmissionOperation.Create or AdmissionOperation.Update)
        {
            return selector.Matches(Labels(request.Object));
        }

        var stored = store.Get(namespaces, null, isNamespace ? request.Name : request.Namespace!);
        return selector.Matches(stored?.Labels ?? new Dictionary<string, string>());
    }

    public static bool MatchObject(JsonObject webhook, AdmissionRequest request)
    {
        var selector = Selector(webhook["objectSelector"]);
        return selector.IsEverything
            || selector.Matches(Labels(request.Object))
            || (request.OldObject is { } old && selector.Matches(Labels(old)));
    }

    private static LabelSelector Selector(JsonNode? node) => node is JsonObject selector ? LabelSelector.FromJson(selector) : LabelSelector.Everything;

    private static Dictionary<string, string> Labels(JsonObject obj) =>
        (Meta.Of(obj)["labels"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
}
