using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Patching;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// Calls every matching webhook of every MutatingWebhookConfiguration on create and update (the core runs admission
/// plugins for those two operations, subresources included), as kube-apiserver's mutating dispatcher
/// (k8s.io/apiserver/pkg/admission/plugin/webhook/mutating/dispatcher.go): configurations by name, webhooks in order,
/// each filtered by rules, namespaceSelector and objectSelector against the object as mutated so far; JSONPatch answers
/// applied; a refusal returned to the client; a failed call failing the request (500) or skipped per failurePolicy;
/// dry runs only for webhooks without side effects; and one reinvocation round for <c>reinvocationPolicy: IfNeeded</c>
/// webhooks when a later webhook changed the object.
/// </summary>
public sealed partial class MutatingWebhookDispatcher : IAdmissionPlugin, IDisposable
{
    private readonly ObjectStore _store;
    private readonly ResourceType _configurations;
    private readonly ResourceType _namespaces;
    private readonly IHttpContextAccessor _http;
    private readonly WebhookClient _client;
    private readonly ILogger _logger;
    private (object? Items, IReadOnlyList<WebhookInvocation> Hooks) _cache;

    public MutatingWebhookDispatcher(ObjectStore store, ResourceRegistry registry, IHttpContextAccessor http, TimeProvider time,
        ILogger<MutatingWebhookDispatcher> logger)
    {
        _store = store;
        _configurations = registry.Get("admissionregistration.k8s.io", "mutatingwebhookconfigurations");
        _namespaces = registry.Get("", "namespaces");
        var services = registry.Get("", "services");
        _http = http;
        _logger = logger;
        _client = new WebhookClient((host, port) => WebhookEndpoint.ServiceEndpoint(host, port, store, services), time);
    }

    public async ValueTask<AdmissionDecision> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var hooks = Hooks();
        if (hooks.Count == 0 || request.Type.Group == "admissionregistration.k8s.io")
        {
            // Webhook configurations are never sent to webhooks (IsExemptAdmissionConfigurationResource).
            return AdmissionDecision.Allow();
        }

        var user = AdmissionUser.Of(_http);
        var warnings = new List<string>();
        var obj = request.Object;
        var invokedReinvocable = new HashSet<string>(StringComparer.Ordinal);
        var toReinvoke = new HashSet<string>(StringComparer.Ordinal);
        var changedAny = false;
        for (var round = 0; round < 2; round++)
        {
            var changedInRound = false;
            foreach (var hook in hooks)
            {
                if (round == 1 && !toReinvoke.Contains(hook.Key))
                {
                    continue;
                }

                var current = request with { Object = obj };
                if (!ShouldCall(hook.Webhook, current))
                {
                    continue;
                }

                var (mutated, denial) = await CallAsync(hook, current, user, warnings, cancellationToken).ConfigureAwait(false);
                if (denial is not null)
                {
                    return AdmissionDecision.Deny(denial);
                }

                if (mutated is not null && !JsonNode.DeepEquals(mutated, obj))
                {
                    obj = mutated;
                    changedInRound = changedAny = true;
                    toReinvoke.UnionWith(invokedReinvocable);
                }

                if (hook.ReinvokeIfNeeded)
                {
                    invokedReinvocable.Add(hook.Key);
                }
            }

            if (!changedInRound || toReinvoke.Count == 0)
            {
                break;
            }
        }

        return changedAny ? AdmissionDecision.Mutate(obj, warnings) : AdmissionDecision.Allow(warnings);
    }

    public void Dispose() => _client.Dispose();

    private bool ShouldCall(JsonObject webhook, AdmissionRequest request) =>
        WebhookRules.Match(webhook, request)
        && WebhookSelectors.MatchNamespace(webhook, request, _store, _namespaces)
        && WebhookSelectors.MatchObject(webhook, request);

    /// <summary>Calls one webhook: the changed object or null, or the refusal; a failed call is handled per failurePolicy.</summary>
    private async Task<(JsonObject? Mutated, ApiException? Denial)> CallAsync(WebhookInvocation hook, AdmissionRequest request,
        Auth.AuthenticatedUser user, List<string> warnings, CancellationToken cancellationToken)
    {
        if (hook.Webhook["matchConditions"] is JsonArray { Count: > 0 })
        {
            throw ApiErrors.NotImplemented($"matchConditions (CEL) of webhook \"{hook.Name}\"");
        }

        if (request.DryRun && KubeJson.GetString(hook.Webhook, "sideEffects") is not ("None" or "NoneOnDryRun"))
        {
            return (null, ApiErrors.BadRequest($"admission webhook \"{hook.Name}\" does not support dry run"));
        }

        try
        {
            var versions = (hook.Webhook["admissionReviewVersions"] as JsonArray ?? []).Select(v => v?.GetValue<string>());
            if (!versions.Contains("v1"))
            {
                throw new WebhookCallException("could not create admission objects: webhook does not accept known AdmissionReview versions (v1); the local API server sends only admission.k8s.io/v1");
            }

            var uid = Guid.NewGuid().ToString();
            var body = AdmissionReview.Request(request, uid, user, request.Object);
            var url = WebhookEndpoint.Url(hook.Webhook, hook.TimeoutSeconds);
            var answer = await _client.PostAsync(url, hook.CaBundle, body, TimeSpan.FromSeconds(hook.TimeoutSeconds), cancellationToken).ConfigureAwait(false);
            var response = AdmissionReview.Response(answer, uid);
            warnings.AddRange((response["warnings"] as JsonArray ?? []).Select(w => w?.GetValue<string>() ?? "").Where(w => w.Length > 0));
            if (response["allowed"]?.GetValue<bool>() != true)
            {
                return (null, WebhookDenial.From(hook.Name, response["status"] as JsonObject));
            }

            return (Patch(hook, request.Object, KubeJson.GetString(response, "patch")), null);
        }
        catch (WebhookCallException e) when (hook.FailOpen)
        {
            LogFailingOpen(_logger, hook.Name, e.Message);
            return (null, null);
        }
        catch (WebhookCallException e)
        {
            LogFailingClosed(_logger, hook.Name, e.Message);
            return (null, ApiErrors.Internal($"failed calling webhook \"{hook.Name}\": {e.Message}"));
        }
    }

    private static JsonObject? Patch(WebhookInvocation hook, JsonObject obj, string? patch)
    {
        if (string.IsNullOrEmpty(patch))
        {
            return null;
        }

        JsonArray operations;
        try
        {
            operations = JsonNode.Parse(Convert.FromBase64String(patch)) as JsonArray
                ?? throw new WebhookCallException("received undecodable patch in webhook response: not a JSON array");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new WebhookCallException($"received undecodable patch in webhook response: {e.Message}", e);
        }

        if (operations.Count == 0)
        {
            return null;
        }

        try
        {
            return JsonPatch.Apply(obj.DeepClone(), operations) as JsonObject
                ?? throw ApiErrors.Internal($"admission webhook \"{hook.Name}\" patched the object into something that is not an object");
        }
        catch (ApiException e) when (e.Code != 500)
        {
            throw ApiErrors.Internal(e.Message);
        }
    }

    private IReadOnlyList<WebhookInvocation> Hooks()
    {
        var items = _store.Snapshot(_configurations).Items;
        var cache = _cache;
        if (ReferenceEquals(cache.Items, items))
        {
            return cache.Hooks;
        }

        var hooks = items.Values.Select(o => o.ToJson())
            .OrderBy(c => KubeJson.GetString(c, "metadata", "name"), StringComparer.Ordinal)
            .SelectMany(c => (c["webhooks"] as JsonArray ?? []).OfType<JsonObject>()
                .Select((w, i) => new WebhookInvocation(KubeJson.GetString(c, "metadata", "name") ?? "", i, w)))
            .ToList();
        _cache = (items, hooks);
        return hooks;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed calling webhook, failing open {Webhook}: {Reason}")]
    private static partial void LogFailingOpen(ILogger logger, string webhook, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed calling webhook, failing closed {Webhook}: {Reason}")]
    private static partial void LogFailingClosed(ILogger logger, string webhook, string reason);
}
