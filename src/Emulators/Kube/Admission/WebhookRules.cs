using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// Whether a webhook's <c>rules</c> cover a request, as k8s.io/apiserver/pkg/admission/plugin/webhook/predicates/rules
/// (Matcher): operation, API group, version, resource with subresource (<c>*</c> matches every resource but no
/// subresource, <c>*/*</c> everything, <c>pods/*</c> every pods subresource, <c>*/status</c> every status) and scope.
/// With <c>matchPolicy: Equivalent</c> a rule naming another version of the same group and resource also matches: this
/// server serves one version per resource, so the request is sent as that version.
/// </summary>
internal static class WebhookRules
{
    public static bool Match(JsonObject webhook, AdmissionRequest request)
    {
        var equivalent = KubeJson.GetString(webhook, "matchPolicy") != "Exact";
        foreach (var rule in (webhook["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Matches(rule, request, anyVersion: equivalent))
            {
                return true;
            }
        }

        return false;
    }

    public static string OperationName(AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => "CREATE",
        AdmissionOperation.Update => "UPDATE",
        AdmissionOperation.Delete => "DELETE",
        _ => "CONNECT",
    };

    private static bool Matches(JsonObject rule, AdmissionRequest request, bool anyVersion) =>
        Contains(rule["operations"], OperationName(request.Operation))
        && Contains(rule["apiGroups"], request.Type.Group)
        && (anyVersion || Contains(rule["apiVersions"], request.Type.Version))
        && (rule["apiVersions"] as JsonArray ?? []).Count > 0
        && Resource(rule, request.Type.Plural, request.Subresource ?? "")
        && Scope(KubeJson.GetString(rule, "scope") ?? "*", request);

    private static bool Contains(JsonNode? list, string value) =>
        (list as JsonArray ?? []).Select(v => v?.GetValue<string>()).Any(v => v == "*" || v == value);

    private static bool Resource(JsonObject rule, string resource, string subresource)
    {
        foreach (var entry in (rule["resources"] as JsonArray ?? []).Select(r => r?.GetValue<string>() ?? ""))
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var (res, sub) = slash < 0 ? (entry, "") : (entry[..slash], entry[(slash + 1)..]);
            if ((res == "*" || res == resource) && (sub == "*" || sub == subresource))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Scope(string scope, AdmissionRequest request)
    {
        var isNamespace = request.Type.Group.Length == 0 && request.Type.Plural == "namespaces";
        return scope switch
        {
            "Namespaced" => !isNamespace && !string.IsNullOrEmpty(request.Namespace),
            "Cluster" => isNamespace || string.IsNullOrEmpty(request.Namespace),
            _ => true,
        };
    }
}
