using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Policy;

/// <summary>
/// PodDisruptionBudgets (policy/v1; pkg/registry/policy/poddisruptionbudget/strategy.go, pkg/apis/policy/validation):
/// the status starts empty on create (the disruption controller fills it), minAvailable and maxUnavailable are exclusive,
/// each a non-negative integer or a percentage of at most 100%, and unhealthyPodEvictionPolicy is IfHealthyBudget or
/// AlwaysAllow.
/// </summary>
public sealed class PodDisruptionBudgetStrategy : ResourceStrategy
{
    public static readonly IReadOnlyList<string> EvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"];

    public override void PrepareForCreate(StrategyContext context, JsonObject obj) => obj["status"] = new JsonObject
    {
        ["disruptionsAllowed"] = 0,
        ["currentHealthy"] = 0,
        ["desiredHealthy"] = 0,
        ["expectedPods"] = 0,
    };

    public override void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec?["minAvailable"] is not null && spec["maxUnavailable"] is not null)
        {
            causes.Add(StatusCause.Invalid("spec", spec.ToJsonString(), "minAvailable and maxUnavailable cannot be both set"));
        }

        ValidateIntOrPercent(spec?["minAvailable"], "spec.minAvailable", causes);
        ValidateIntOrPercent(spec?["maxUnavailable"], "spec.maxUnavailable", causes);
        if (spec?["unhealthyPodEvictionPolicy"] is JsonValue policy && !EvictionPolicies.Contains(policy.ToString()))
        {
            causes.Add(StatusCause.NotSupported("spec.unhealthyPodEvictionPolicy", policy.ToString(), EvictionPolicies));
        }
    }

    /// <summary>ValidatePositiveIntOrPercent and IsNotMoreThan100Percent.</summary>
    private static void ValidateIntOrPercent(JsonNode? value, string field, List<StatusCause> causes)
    {
        if (value is null)
        {
            return;
        }

        switch (IntOrPercent.Parse(value))
        {
            case null:
                causes.Add(StatusCause.Invalid(field, value.ToJsonString(), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                break;
            case { Value: < 0 } negative:
                causes.Add(StatusCause.Invalid(field, negative.Value, "must be greater than or equal to 0"));
                break;
            case { IsPercent: true, Value: > 100 }:
                causes.Add(StatusCause.Invalid(field, value.ToString(), "must not be greater than 100%"));
                break;
        }
    }
}
