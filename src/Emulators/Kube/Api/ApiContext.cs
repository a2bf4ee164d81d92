using System.Globalization;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Negotiation;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Storage;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>
/// One API request: the HTTP exchange, what it asks for, the resource type, the chosen response representation,
/// and helpers to read options and bodies and to write answers. Handlers (generic REST, subresources, custom
/// resources) all work through it.
/// </summary>
public sealed class ApiContext
{
    public ApiContext(HttpContext http, ApiRequestInfo request, ResourceType type, ResourceService service, ApiOptions options, IResponseRenderer? renderer)
    {
        Http = http;
        Request = request;
        Type = type;
        Service = service;
        Options = options;
        Renderer = renderer;
    }

    public HttpContext Http { get; }

    public ApiRequestInfo Request { get; }

    public ResourceType Type { get; }

    public ResourceService Service { get; }

    public ApiOptions Options { get; }

    /// <summary>The negotiated non-JSON representation (e.g. Table), or null for plain JSON.</summary>
    public IResponseRenderer? Renderer { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public bool QueryFlag(string name) => Query(name) is { } v && (v.Length == 0 || bool.TryParse(v, out var b) && b || v == "1");

    public long? QueryInt64(string name)
    {
        var text = Query(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"invalid value for {name}: {text}");
    }

    public WriteOptions WriteOptions() => new()
    {
        DryRun = DryRun(),
        FieldManager = Query("fieldManager"),
        FieldValidation = Query("fieldValidation") switch
        {
            null or "" or "Warn" => FieldValidationMode.Warn,
            "Strict" => FieldValidationMode.Strict,
            "Ignore" => FieldValidationMode.Ignore,
            var other => throw ApiErrors.BadRequest($"fieldValidation must be one of Ignore, Warn or Strict, got \"{other}\""),
        },
    };

    public bool DryRun() => Query("dryRun") switch
    {
        null or "" => false,
        "All" => true,
        var other => throw ApiErrors.BadRequest($"Invalid dry run value: {other}: supported values: \"All\""),
    };

    public ListOptions ListOptions()
    {
        var limit = QueryInt64("limit") ?? 0;
        return new ListOptions
        {
            LabelSelector = LabelSelector.Parse(Query("labelSelector")),
            FieldSelector = FieldSelector.Parse(Query("fieldSelector"), Type),
            Limit = limit is > 0 and <= int.MaxValue ? (int)limit : 0,
            Continue = Query("continue"),
            ResourceVersion = Query("resourceVersion"),
            ResourceVersionMatch = Query("resourceVersionMatch"),
        };
    }

    public Task<JsonObject> ReadObjectAsync() => RequestBody.ReadObjectAsync(Http, Options.MaxRequestBodyBytes);

    /// <summary>Adds <c>Warning: 299 - "..."</c> headers.</summary>
    public void AddWarnings(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            Http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    /// <summary>Writes a stored object in the negotiated representation.</summary>
    public Task WriteObjectAsync(int statusCode, StoredObject obj) =>
        Renderer is { } renderer ? renderer.WriteObjectAsync(this, statusCode, obj) : JsonResponses.WriteBytesAsync(Http, statusCode, obj.Json);

    public Task WriteListAsync(ListResult list) =>
        Renderer is { } renderer ? renderer.WriteListAsync(this, list) : JsonResponses.WriteListAsync(Http, Type, list);

    /// <summary>Writes any JSON (Status, Scale, ...), always as plain JSON.</summary>
    public Task WriteJsonAsync(int statusCode, JsonNode node) => JsonResponses.WriteNodeAsync(Http, statusCode, node);
}
