using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Pods;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Apps;

/// <summary>
/// Checks shared by Deployments, ReplicaSets and Jobs (pkg/apis/apps/validation, pkg/apis/batch/validation):
/// a non-empty selector that matches the template's labels, non-negative counts, a valid pod template, an immutable selector.
/// </summary>
public static class WorkloadValidation
{
    public static void ValidateSelectorAndTemplate(JsonObject? spec, List<StatusCause> causes, string[] restartPolicies)
    {
        var selectorJson = spec?["selector"] as JsonObject;
        if (selectorJson is null)
        {
            causes.Add(StatusCause.Required("spec.selector"));
        }
        else
        {
            var selector = LabelSelector.FromJson(selectorJson);
            if (selector.Requirements.Count == 0)
            {
                causes.Add(StatusCause.Invalid("spec.selector", selectorJson.ToJsonString(), "empty selector is invalid for deployment"));
            }
            else
            {
                var labels = ((spec!["template"] as JsonObject)?["metadata"] as JsonObject)?["labels"] as JsonObject;
                var map = labels?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal) ?? [];
                if (!selector.Matches(map))
                {
                    causes.Add(StatusCause.Invalid("spec.template.metadata.labels", GoMap(map), "`selector` does not match template `labels`"));
                }
            }
        }

        NonNegative(spec, "replicas", causes);
        var template = (spec?["template"] as JsonObject)?["spec"] as JsonObject;
        PodValidation.ValidateSpec(template, "spec.template.spec", causes);
        var restart = KubeJson.GetString(template, "restartPolicy");
        if (template is not null && !restartPolicies.Contains(restart))
        {
            causes.Add(StatusCause.NotSupported("spec.template.spec.restartPolicy", restart, restartPolicies));
        }
    }

    public static void NonNegative(JsonObject? spec, string field, List<StatusCause> causes)
    {
        if (KubeJson.GetInt64(spec?[field]) is < 0 and var value)
        {
            causes.Add(StatusCause.Invalid($"spec.{field}", value, "must be greater than or equal to 0"));
        }
    }

    public static void ValidateSelectorUnchanged(JsonObject obj, JsonObject old, List<StatusCause> causes)
    {
        var selector = (obj["spec"] as JsonObject)?["selector"];
        if (!JsonNode.DeepEquals(selector, (old["spec"] as JsonObject)?["selector"]))
        {
            causes.Add(StatusCause.Invalid("spec.selector", selector?.ToJsonString(), "field is immutable"));
        }
    }

    private static string GoMap(Dictionary<string, string> map) =>
        "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}";
}
