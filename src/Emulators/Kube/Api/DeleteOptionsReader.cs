using System.Text.Json;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Protobuf;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>Reads metav1.DeleteOptions from a DELETE's body (kubectl sends one) and query parameters.</summary>
public static class DeleteOptionsReader
{
    public static async Task<DeleteOptions> ReadAsync(ApiContext context)
    {
        var bytes = await RequestBody.ReadBytesAsync(context.Http, context.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        JsonObject? body = null;
        if (bytes.Length > 0 && RequestBody.MediaTypeOf(context.Http) == ProtobufBody.MediaType)
        {
            // client-go's typed clients (kubelets) send DeleteOptions as protobuf.
            body = ProtobufBody.Decode(bytes);
        }
        else if (bytes.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(bytes) as JsonObject;
            }
            catch (JsonException e)
            {
                throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
            }
        }

        var dryRun = context.DryRun() || (body?["dryRun"] as JsonArray)?.Any(v => v?.GetValue<string>() == "All") == true;
        var propagation = context.Query("propagationPolicy") ?? KubeJson.GetString(body, "propagationPolicy");
        if (propagation is not (null or "" or "Orphan" or "Background" or "Foreground"))
        {
            throw ApiErrors.Invalid("", "DeleteOptions", "", [Errors.StatusCause.NotSupported("propagationPolicy", propagation, ["Foreground", "Background", "Orphan", "nil"])]);
        }

        return new DeleteOptions
        {
            GracePeriodSeconds = context.QueryInt64("gracePeriodSeconds") ?? KubeJson.GetInt64(body?["gracePeriodSeconds"]),
            PreconditionUid = KubeJson.GetString(body, "preconditions", "uid"),
            PreconditionResourceVersion = KubeJson.GetString(body, "preconditions", "resourceVersion"),
            PropagationPolicy = string.IsNullOrEmpty(propagation) ? null : propagation,
            DryRun = dryRun,
        };
    }
}
