using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>Writes JSON answers: stored bytes as they are, lists assembled from them without re-serializing.</summary>
public static class JsonResponses
{
    public const string ContentType = "application/json";
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] ListEnd = "]}"u8.ToArray();

    public static async Task WriteBytesAsync(HttpContext http, int statusCode, ReadOnlyMemory<byte> json)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteNodeAsync(HttpContext http, int statusCode, JsonNode node) => WriteBytesAsync(http, statusCode, KubeJson.ToBytes(node));

    public static Task WriteErrorAsync(HttpContext http, ApiException error)
    {
        foreach (var (name, value) in error.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        return WriteNodeAsync(http, error.Code, error.ToStatus());
    }

    /// <summary><c>{"kind":"PodList","apiVersion":"v1","metadata":{...},"items":[...]}</c>.</summary>
    public static async Task WriteListAsync(HttpContext http, ResourceType type, ListResult list)
    {
        var metadata = new JsonObject { ["resourceVersion"] = list.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (list.Continue is not null)
        {
            metadata["continue"] = list.Continue;
        }

        if (list.RemainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        var head = Encoding.UTF8.GetBytes($"{{\"kind\":\"{type.ListKind}\",\"apiVersion\":\"{type.ApiVersion}\",\"metadata\":{metadata.ToJsonString()},\"items\":[");
        long length = head.Length + ListEnd.Length + Math.Max(0, list.Items.Count - 1);
        foreach (var item in list.Items)
        {
            length += item.Json.Length;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = length;
        var body = http.Response.Body;
        await body.WriteAsync(head, http.RequestAborted).ConfigureAwait(false);
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (i > 0)
            {
                await body.WriteAsync(Comma, http.RequestAborted).ConfigureAwait(false);
            }

            await body.WriteAsync(list.Items[i].Json, http.RequestAborted).ConfigureAwait(false);
        }

        await body.WriteAsync(ListEnd, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The Status kube-apiserver answers a successful delete with when it does not return the object.</summary>
    public static JsonObject SuccessStatus(ResourceType type, string name, string uid, int code = 200)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = new StatusDetails(name, type.Group, type.Plural) { Uid = uid }.ToJson(),
        };
        if (code != 200)
        {
            status["code"] = code;
        }

        return status;
    }
}
