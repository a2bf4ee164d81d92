using System.Text.Json;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Auth;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// The admission.k8s.io/v1 AdmissionReview a webhook receives (k8s.io/apiserver/pkg/admission/plugin/webhook/request
/// CreateAdmissionObjects) and the checks its answer must pass (VerifyAdmissionResponse).
/// </summary>
internal static class AdmissionReview
{
    public const string ApiVersion = "admission.k8s.io/v1";

    public static byte[] Request(AdmissionRequest request, string uid, AuthenticatedUser user, JsonObject obj)
    {
        var type = request.Type;
        var kind = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };
        var resource = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["resource"] = type.Plural };
        var body = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = resource,
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = resource.DeepClone(),
            ["name"] = request.Name,
            ["operation"] = WebhookRules.OperationName(request.Operation),
            ["userInfo"] = UserInfo(user),
            ["object"] = obj.DeepClone(),
            ["oldObject"] = request.OldObject?.DeepClone(),
            ["dryRun"] = request.DryRun,
            ["options"] = Options(request),
        };
        if (request.Subresource is { } subresource)
        {
            body["subResource"] = subresource;
            body["requestSubResource"] = subresource;
        }

        if (!string.IsNullOrEmpty(request.Namespace))
        {
            body["namespace"] = request.Namespace;
        }

        return KubeJson.ToBytes(new JsonObject { ["kind"] = "AdmissionReview", ["apiVersion"] = ApiVersion, ["request"] = body });
    }

    /// <summary>The verified <c>response</c>; throws <see cref="WebhookCallException"/> for an answer kube-apiserver would refuse.</summary>
    public static JsonObject Response(byte[] body, string uid)
    {
        JsonObject review;
        try
        {
            review = JsonNode.Parse(body) as JsonObject ?? throw new WebhookCallException("received invalid webhook response: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new WebhookCallException($"failed to call webhook: {e.Message}", e);
        }

        if (review["response"] is not JsonObject response)
        {
            throw new WebhookCallException("received invalid webhook response: webhook response was absent");
        }

        var apiVersion = KubeJson.GetString(review, "apiVersion") ?? "";
        var kind = KubeJson.GetString(review, "kind") ?? "";
        if (apiVersion != ApiVersion || kind != "AdmissionReview")
        {
            throw new WebhookCallException($"received invalid webhook response: expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got {Gvk(apiVersion, kind)}");
        }

        if (KubeJson.GetString(response, "uid") != uid)
        {
            throw new WebhookCallException($"received invalid webhook response: expected response.uid=\"{uid}\", got \"{KubeJson.GetString(response, "uid")}\"");
        }

        var patchType = KubeJson.GetString(response, "patchType") ?? "";
        if (!string.IsNullOrEmpty(KubeJson.GetString(response, "patch")) && patchType.Length == 0)
        {
            throw new WebhookCallException("received invalid webhook response: webhook returned response.patch but not response.patchType");
        }

        if (patchType.Length > 0 && patchType != "JSONPatch")
        {
            throw new WebhookCallException($"received invalid webhook response: webhook returned invalid response.patchType of \"{patchType}\"");
        }

        return response;
    }

    private static JsonObject UserInfo(AuthenticatedUser user)
    {
        var info = new JsonObject { ["username"] = user.Name, ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]) };
        if (user.Uid.Length > 0)
        {
            info["uid"] = user.Uid;
        }

        return info;
    }

    private static JsonObject? Options(AdmissionRequest request)
    {
        if (request.Operation is not (AdmissionOperation.Create or AdmissionOperation.Update))
        {
            return null;
        }

        var options = new JsonObject
        {
            ["kind"] = request.Operation == AdmissionOperation.Create ? "CreateOptions" : "UpdateOptions",
            ["apiVersion"] = "meta.k8s.io/v1",
        };
        if (request.DryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }

        return options;
    }

    private static string Gvk(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? $"/{apiVersion}, Kind={kind}" : $"{apiVersion[..slash]}/{apiVersion[(slash + 1)..]}, Kind={kind}";
    }
}
