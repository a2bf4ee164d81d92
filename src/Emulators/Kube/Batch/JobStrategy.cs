using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Apps;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Pods;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Batch;

/// <summary>
/// Jobs (batch/v1 defaults: pkg/apis/batch/v1/defaults.go; strategy: pkg/registry/batch/job/strategy.go):
/// completions/parallelism 1, backoffLimit 6, NonIndexed, suspend false, podReplacementPolicy; a generated selector
/// on <c>batch.kubernetes.io/controller-uid</c> unless <c>manualSelector</c>; restartPolicy OnFailure or Never.
/// </summary>
public sealed class JobStrategy : ResourceStrategy
{
    private const string ControllerUid = "batch.kubernetes.io/controller-uid";
    private const string JobName = "batch.kubernetes.io/job-name";

    public override void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
        }

        spec["parallelism"] ??= 1;
        spec["backoffLimit"] ??= spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        spec["podReplacementPolicy"] ??= spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed";
        PodDefaults.ApplyToPodSpec(KubeJson.GetOrAddObject(KubeJson.GetOrAddObject(spec, "template"), "spec"));
    }

    public override void PrepareForCreate(StrategyContext context, JsonObject obj)
    {
        obj["status"] = new JsonObject();
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        if (spec["manualSelector"]?.GetValue<bool>() == true || spec["selector"] is not null)
        {
            return;
        }

        var uid = Meta.Uid(obj)!;
        var name = Meta.Name(obj) ?? "";
        var templateMeta = KubeJson.GetOrAddObject(KubeJson.GetOrAddObject(spec, "template"), "metadata");
        var labels = KubeJson.GetOrAddObject(templateMeta, "labels");
        labels[ControllerUid] = uid;
        labels[JobName] = name;
        labels["controller-uid"] = uid;
        labels["job-name"] = name;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [ControllerUid] = uid } };
    }

    public override void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes)
    {
        var spec = obj["spec"] as JsonObject;
        WorkloadValidation.NonNegative(spec, "parallelism", causes);
        WorkloadValidation.NonNegative(spec, "completions", causes);
        WorkloadValidation.NonNegative(spec, "backoffLimit", causes);
        var manual = spec?["manualSelector"] is JsonValue v && v.TryGetValue<bool>(out var m) && m;
        var labels = KubeJson.GetString(spec, "selector", "matchLabels", ControllerUid);
        if (!manual && spec?["selector"] is not null && labels != Meta.Uid(obj))
        {
            causes.Add(StatusCause.Invalid("spec.selector", spec["selector"]!.ToJsonString(), "`selector` not auto-generated"));
            return;
        }

        WorkloadValidation.ValidateSelectorAndTemplate(spec, causes, ["OnFailure", "Never"]);
    }

    public override void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes) =>
        WorkloadValidation.ValidateSelectorUnchanged(obj, old, causes);
}
