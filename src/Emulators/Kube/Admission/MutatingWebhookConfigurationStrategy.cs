using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// MutatingWebhookConfiguration defaults (pkg/apis/admissionregistration/v1/defaults.go): failurePolicy Fail,
/// matchPolicy Equivalent, empty namespace/object selectors, timeoutSeconds 10, reinvocationPolicy Never,
/// rule scope "*", service port 443.
/// </summary>
public sealed class MutatingWebhookConfigurationStrategy : ResourceStrategy
{
    public override void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
        foreach (var webhook in (obj["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            webhook["failurePolicy"] ??= "Fail";
            webhook["matchPolicy"] ??= "Equivalent";
            webhook["namespaceSelector"] ??= new JsonObject();
            webhook["objectSelector"] ??= new JsonObject();
            webhook["timeoutSeconds"] ??= 10;
            webhook["reinvocationPolicy"] ??= "Never";
            foreach (var rule in (webhook["rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                rule["scope"] ??= "*";
            }

            if ((webhook["clientConfig"] as JsonObject)?["service"] is JsonObject service)
            {
                service["port"] ??= 443;
            }
        }
    }
}
