using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// A webhook's refusal as the client sees it, as kube-apiserver 1.32's webhookerrors.ToStatusErr builds it: the
/// webhook's own Status, with a code of at least 400 and the message prefixed
/// <c>admission webhook "name" denied the request: </c> (or <c>... denied the request without explanation</c>).
/// https://github.com/kubernetes/kubernetes/blob/release-1.32/staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/errors/statuserror.go
/// </summary>
internal static class WebhookDenial
{
    public static ApiException From(string webhookName, JsonObject? status)
    {
        var deniedBy = $"admission webhook \"{webhookName}\" denied the request";
        var code = (int)(KubeJson.GetInt64(status?["code"]) ?? 0);
        code = code < 400 ? 400 : code;
        var message = KubeJson.GetString(status, "message");
        var reason = KubeJson.GetString(status, "reason") ?? "";
        var text = !string.IsNullOrEmpty(message) ? $"{deniedBy}: {message}"
            : reason.Length > 0 ? $"{deniedBy}: {reason}"
            : $"{deniedBy} without explanation";
        return new ApiException(code, reason, text, Details(status?["details"] as JsonObject));
    }

    private static StatusDetails? Details(JsonObject? details)
    {
        if (details is null)
        {
            return null;
        }

        var causes = (details["causes"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => new StatusCause(KubeJson.GetString(c, "reason") ?? "", KubeJson.GetString(c, "field") ?? "", KubeJson.GetString(c, "message") ?? ""))
            .ToList();
        return new StatusDetails(KubeJson.GetString(details, "name"), KubeJson.GetString(details, "group"), KubeJson.GetString(details, "kind"),
            causes.Count > 0 ? causes : null)
        {
            Uid = KubeJson.GetString(details, "uid"),
            RetryAfterSeconds = (int?)KubeJson.GetInt64(details["retryAfterSeconds"]),
        };
    }
}
