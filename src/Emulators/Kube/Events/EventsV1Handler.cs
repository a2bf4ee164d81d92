using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Patching;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Events;

/// <summary>
/// Serves events.k8s.io/v1 events from the core/v1 events storage: bodies are converted on the way in, answers and
/// watch events on the way out, and field selectors on <c>regarding.*</c>/<c>reportingController</c> are translated.
/// An event written through either API is visible through both, as in a real cluster (kubectl describe reads core/v1).
/// </summary>
public sealed class EventsV1Handler : IResourceHandler
{
    public async Task HandleAsync(ApiContext context)
    {
        var core = context.Service.Registry.Get("", "events");
        TranslateFieldSelector(context.Http.Request);
        var inner = new ApiContext(context.Http, context.Request, core, context.Service, context.Options, EventsV1Renderer.Instance);
        var ns = context.Request.Namespace;
        switch (context.Request.Verb)
        {
            case "create" when context.Request.Name is null && context.Request.Subresource is null:
                var body = await context.ReadObjectAsync().ConfigureAwait(false);
                ValidateCreate(body);
                var created = await context.Service.CreateAsync(core, ns, EventConversion.ToCore(body), context.WriteOptions(), context.Aborted).ConfigureAwait(false);
                inner.AddWarnings(created.Warnings);
                await inner.WriteObjectAsync(201, created.Object).ConfigureAwait(false);
                return;
            case "update" when context.Request.Name is not null:
                var replacement = EventConversion.ToCore(await context.ReadObjectAsync().ConfigureAwait(false));
                var updated = await context.Service.UpdateAsync(core, ns, context.Request.Name, replacement, context.WriteOptions(), null, context.Aborted).ConfigureAwait(false);
                inner.AddWarnings(updated.Warnings);
                await inner.WriteObjectAsync(updated.Created ? 201 : 200, updated.Object).ConfigureAwait(false);
                return;
            case "patch" when context.Request.Name is not null:
                var (kind, patch) = await RequestBody.ReadPatchAsync(context.Http, context.Options.MaxRequestBodyBytes).ConfigureAwait(false);
                var patched = await context.Service.UpdateWithAsync(core, ns, context.Request.Name,
                    current => EventConversion.ToCore(Patcher.Apply(kind, EventConversion.ToEventsV1(current), patch, "Event")),
                    context.WriteOptions(), null, context.Aborted).ConfigureAwait(false);
                inner.AddWarnings(patched.Warnings);
                await inner.WriteObjectAsync(200, patched.Object).ConfigureAwait(false);
                return;
            default:
                await RestHandlers.HandleAsync(inner).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The required fields of ValidateEventCreate for events.k8s.io/v1 (pkg/apis/core/validation/events.go).</summary>
    private static void ValidateCreate(JsonObject body)
    {
        var causes = new List<StatusCause>();
        foreach (var field in new[] { "eventTime", "reportingController", "reportingInstance", "action", "reason" })
        {
            if (body[field] is null || body[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)
            {
                causes.Add(StatusCause.Required(field));
            }
        }

        if (KubeJson.GetString(body, "type") is var type && type is not ("Normal" or "Warning"))
        {
            causes.Add(StatusCause.Invalid("type", "", $"has invalid value: {type}"));
        }

        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid("events.k8s.io", "Event", KubeJson.GetString(body, "metadata", "name") ?? "", causes);
        }
    }

    private static void TranslateFieldSelector(HttpRequest request)
    {
        if (!request.Query.TryGetValue("fieldSelector", out var selector) || StringValues.IsNullOrEmpty(selector))
        {
            return;
        }

        var translated = selector.ToString()
            .Replace("regarding.", "involvedObject.", StringComparison.Ordinal)
            .Replace("reportingController", "reportingComponent", StringComparison.Ordinal);
        var query = request.Query.ToDictionary(p => p.Key, p => p.Value);
        query["fieldSelector"] = translated;
        request.Query = new QueryCollection(query);
    }
}
