using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Patching;
using OrleansEci.Emulators.Kube.Protobuf;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>
/// Reads request bodies with kube-apiserver's limits and media types: at most <c>limit</c> bytes (413 beyond,
/// 3 MiB by default like the real server), JSON or YAML for objects, the three patch types for PATCH.
/// </summary>
public static class RequestBody
{
    /// <summary>What object bodies may be. Protobuf is what kubectl's typed generators (<c>kubectl create namespace</c>) send.</summary>
    public static readonly string[] ObjectMediaTypes = ["application/json", "application/yaml", ProtobufBody.MediaType];

    public static readonly string[] PatchMediaTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml", "application/strategic-merge-patch+json"];

    /// <summary>Reads an object body (POST, PUT). JSON by default; <c>application/yaml</c> and protobuf are converted.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext http, long limit)
    {
        var mediaType = MediaTypeOf(http);
        var bytes = await ReadBytesAsync(http, limit).ConfigureAwait(false);
        var node = mediaType switch
        {
            "" or "application/json" or "*/*" => ParseJson(bytes),
            "application/yaml" or "application/x-yaml" or "text/yaml" => ParseYaml(bytes),
            ProtobufBody.MediaType => ProtobufBody.Decode(bytes),
            _ => throw ApiErrors.UnsupportedMediaType(mediaType, ObjectMediaTypes),
        };
        return node as JsonObject ?? throw ApiErrors.BadRequest("Object 'Kind' is missing in '" + Encoding.UTF8.GetString(bytes) + "'");
    }

    /// <summary>Reads a PATCH body and its kind from Content-Type.</summary>
    public static async Task<(PatchKind Kind, JsonNode? Patch)> ReadPatchAsync(HttpContext http, long limit)
    {
        var mediaType = MediaTypeOf(http);
        PatchKind kind = mediaType switch
        {
            "application/json-patch+json" => PatchKind.Json,
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" => PatchKind.StrategicMerge,
            "application/apply-patch+yaml" => throw new ApiException(415, "UnsupportedMediaType",
                "server-side apply (application/apply-patch+yaml) is not implemented by the local Kubernetes API server; use client-side apply (kubectl apply without --server-side)"),
            _ => throw ApiErrors.UnsupportedMediaType(mediaType, PatchMediaTypes),
        };
        var bytes = await ReadBytesAsync(http, limit).ConfigureAwait(false);
        return (kind, ParseJson(bytes));
    }

    /// <summary>
    /// Reads the whole body. With a Content-Length (every kubectl and client-go request) the body is read into an array of
    /// exactly that size; a chunked body is read through a pooled buffer. (A fresh 80 KiB chunk per request was ~1 GB/s of
    /// garbage at 12,000 status PATCHes/s and a quarter of the wall time in GC pauses; see bench/README.md.)
    /// </summary>
    public static async Task<byte[]> ReadBytesAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength is { } length)
        {
            if (length > limit)
            {
                throw ApiErrors.RequestEntityTooLarge(limit);
            }

            var body = new byte[length];
            try
            {
                await http.Request.Body.ReadExactlyAsync(body, http.RequestAborted).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                throw ApiErrors.BadRequest($"the request body ended before its Content-Length of {length} bytes");
            }

            return body;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw ApiErrors.RequestEntityTooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>The request's media type in lower case without parameters, or "" when there is none.</summary>
    public static string MediaTypeOf(HttpContext http) =>
        MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var value) ? value.MediaType.Value?.ToLowerInvariant() ?? "" : "";

    private static JsonNode? ParseJson(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes, documentOptions: KubeJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    private static JsonNode? ParseYaml(byte[] bytes)
    {
        try
        {
            return YamlToJson.Convert(Encoding.UTF8.GetString(bytes));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ApiErrors.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}");
        }
    }
}
