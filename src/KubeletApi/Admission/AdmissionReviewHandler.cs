using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// Turns one AdmissionReview v1 request body into the HTTP answer. A body that is not an AdmissionReview v1 with a
/// request uid gets HTTP 400 with an AdmissionReview error (there is no uid to echo); a review of anything but a pod
/// being created is allowed unchanged; a pod that cannot be read is refused with code 400; an unknown namespace gets
/// HTTP 503 so the webhook's failurePolicy decides. Nothing in the body can make it throw.
/// </summary>
public sealed class AdmissionReviewHandler(IEciProfileSource profiles, INamespaceLabelLookup namespaces, AdmissionOptions options, ILogger logger)
{
    public async Task<AdmissionHttpResult> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Malformed($"the body is not JSON ({ex.Message})");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Malformed("the body is not a JSON object");
            }

            if (Text(root, "apiVersion") != AdmissionReviewWriter.ApiVersion || Text(root, "kind") != AdmissionReviewWriter.Kind)
            {
                return Malformed($"expected kind {AdmissionReviewWriter.Kind} of apiVersion {AdmissionReviewWriter.ApiVersion}, got kind \"{Text(root, "kind")}\" of \"{Text(root, "apiVersion")}\"; list only v1 in the webhook's admissionReviewVersions");
            }

            if (!root.TryGetProperty("request", out JsonElement request) || request.ValueKind != JsonValueKind.Object)
            {
                return Malformed("the AdmissionReview has no request object");
            }

            if (Text(request, "uid") is not { Length: > 0 } uid)
            {
                return Malformed("the AdmissionReview request has no uid");
            }

            return await ReviewAsync(uid, request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AdmissionHttpResult> ReviewAsync(string uid, JsonElement request, CancellationToken cancellationToken)
    {
        bool podCreate = request.TryGetProperty("kind", out JsonElement kind) && kind.ValueKind == JsonValueKind.Object
            && Text(kind, "group") is null or "" && Text(kind, "kind") == "Pod"
            && Text(request, "operation") == "CREATE" && Text(request, "subResource") is null or "";
        if (!podCreate)
        {
            return Answer(uid, Allow.Unchanged);
        }

        if (!request.TryGetProperty("object", out JsonElement podJson) || podJson.ValueKind != JsonValueKind.Object)
        {
            return Answer(uid, new Deny("The AdmissionReview for a pod creation has no request.object.", 400));
        }

        V1Pod? pod;
        try
        {
            pod = KubernetesJson.Deserialize<V1Pod>(podJson.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException or OverflowException)
        {
            return Answer(uid, new Deny($"request.object is not a valid Pod: {ex.Message}", 400));
        }

        string? namespaceName = Text(request, "namespace") is { Length: > 0 } ns ? ns : pod?.Metadata?.NamespaceProperty;
        if (pod is null || namespaceName is not { Length: > 0 })
        {
            return Answer(uid, new Deny("The pod creation names no namespace.", 400));
        }

        IReadOnlyDictionary<string, string>? labels = await namespaces.FindLabelsAsync(namespaceName, cancellationToken).ConfigureAwait(false);
        if (labels is null)
        {
            AdmissionLog.NamespaceUnknown(logger, namespaceName, uid);
            return new AdmissionHttpResult(503, Encoding.UTF8.GetBytes($"Namespace {namespaceName} is not known yet; retry shortly.\n"), AdmissionHttpResult.Text);
        }

        AdmissionDecision decision = PodMutator.Decide(pod, namespaceName, labels, profiles.Current, options);
        string name = pod.Metadata?.Name ?? Text(request, "name") ?? pod.Metadata?.GenerateName ?? "";
        switch (decision)
        {
            case Patch patch:
                AdmissionLog.Patched(logger, namespaceName, name, uid, patch.Route, patch.Operations.Count);
                break;
            case Deny deny:
                AdmissionLog.Denied(logger, namespaceName, name, uid, deny.Reason);
                break;
        }

        return Answer(uid, decision);
    }

    private AdmissionHttpResult Malformed(string problem)
    {
        AdmissionLog.MalformedReview(logger, problem);
        string message = $"Malformed AdmissionReview: {problem}.";
        return new AdmissionHttpResult(400, AdmissionReviewWriter.Write("", new Deny(message, 400)), AdmissionHttpResult.Json);
    }

    private static AdmissionHttpResult Answer(string uid, AdmissionDecision decision) =>
        new(200, AdmissionReviewWriter.Write(uid, decision), AdmissionHttpResult.Json);

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
