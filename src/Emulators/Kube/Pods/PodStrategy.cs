using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// Pods, as pkg/registry/core/pod/strategy.go: defaults, status reset to Pending with the QoS class on create, a spec
/// that updates may change only in the allowed places, and graceful deletion (a bound pod waits for its kubelet).
/// </summary>
public sealed class PodStrategy : ResourceStrategy
{
    private const string UpdateForbidden =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public override void ApplyDefaults(StrategyContext context, JsonObject obj) =>
        PodDefaults.ApplyToPodSpec(KubeJson.GetOrAddObject(obj, "spec"));

    public override void PrepareForCreate(StrategyContext context, JsonObject obj)
    {
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        PodAdmissionDefaults.Apply(spec);
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodQos.Of(spec) };
    }

    public override void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes) =>
        PodValidation.ValidateSpec(obj["spec"] as JsonObject, "spec", causes);

    public override void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes)
    {
        if (!JsonNode.DeepEquals(Mutable(obj["spec"]), Mutable(old["spec"])))
        {
            causes.Add(StatusCause.Forbidden("spec", UpdateForbidden));
        }
    }

    public override long? GracePeriodSeconds(StrategyContext context, JsonObject obj, long? requested)
    {
        var grace = requested ?? KubeJson.GetInt64((obj["spec"] as JsonObject)?["terminationGracePeriodSeconds"]) ?? 30;
        if (string.IsNullOrEmpty(KubeJson.GetString(obj, "spec", "nodeName"))
            || KubeJson.GetString(obj, "status", "phase") is "Succeeded" or "Failed")
        {
            return 0;
        }

        return grace < 0 ? 1 : grace;
    }

    /// <summary>The spec without the fields an update may change (images, activeDeadlineSeconds, tolerations, grace period).</summary>
    private static JsonObject? Mutable(JsonNode? spec)
    {
        if (spec?.DeepClone() is not JsonObject copy)
        {
            return null;
        }

        foreach (var field in new[] { "activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds" })
        {
            copy.Remove(field);
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (copy[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                container.Remove("image");
            }
        }

        return copy;
    }
}
