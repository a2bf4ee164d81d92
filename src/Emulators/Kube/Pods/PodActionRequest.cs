using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>What the create-only pod subresources (binding, eviction) share: the body and the Success answer.</summary>
internal static class PodActionRequest
{
    /// <summary>Reads the POSTed object, refusing other verbs and a body naming another pod.</summary>
    public static async Task<JsonObject> ReadAsync(ApiContext context, string kind)
    {
        if (context.Request.Verb != "create")
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var body = await context.ReadObjectAsync().ConfigureAwait(false);
        var bodyName = KubeJson.GetString(body, "metadata", "name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != context.Request.Name)
        {
            throw ApiErrors.BadRequest($"name in URL does not match name in {kind} object");
        }

        return body;
    }

    /// <summary><c>{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}</c> with HTTP 201.</summary>
    public static Task WriteCreatedAsync(ApiContext context) => context.WriteJsonAsync(201, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["code"] = 201,
    });
}
