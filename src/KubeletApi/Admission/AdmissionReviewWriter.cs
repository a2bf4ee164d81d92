using System.Text.Json;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// Writes AdmissionReview v1 responses (k8s.io/api admission/v1 types.go: <c>response.uid</c> echoes the request,
/// <c>patchType</c> is <c>JSONPatch</c> and <c>patch</c> is the base64 of the JSON Patch array, a refusal carries a
/// metav1.Status). The KubernetesClient package has no admission types, so they are written here.
/// </summary>
internal static class AdmissionReviewWriter
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    public static byte[] Write(string uid, AdmissionDecision decision)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", ApiVersion);
            writer.WriteString("kind", Kind);
            writer.WriteStartObject("response");
            writer.WriteString("uid", uid);
            writer.WriteBoolean("allowed", decision is not Deny);
            switch (decision)
            {
                case Patch patch:
                    writer.WriteString("patchType", "JSONPatch");
                    writer.WriteBase64String("patch", JsonPatchOperation.Serialize(patch.Operations));
                    break;
                case Deny deny:
                    WriteStatus(writer, deny.Code, deny.Reason);
                    break;
            }

            if (decision.Warnings.Count > 0)
            {
                writer.WriteStartArray("warnings");
                foreach (string warning in decision.Warnings)
                {
                    writer.WriteStringValue(warning);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteStatus(Utf8JsonWriter writer, int code, string message)
    {
        writer.WriteStartObject("status");
        writer.WriteString("status", "Failure");
        writer.WriteString("message", message);
        writer.WriteString("reason", code switch
        {
            400 => "BadRequest",
            403 => "Forbidden",
            503 => "ServiceUnavailable",
            _ => "InternalError",
        });
        writer.WriteNumber("code", code);
        writer.WriteEndObject();
    }
}
