using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Pods;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Apps;

/// <summary>ReplicaSets (pkg/registry/apps/replicaset/strategy.go): replicas 1, pod template defaults, empty status on create, immutable selector.</summary>
public sealed class ReplicaSetStrategy : ResourceStrategy
{
    public override void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        spec["replicas"] ??= 1;
        PodDefaults.ApplyToPodSpec(KubeJson.GetOrAddObject(KubeJson.GetOrAddObject(spec, "template"), "spec"));
    }

    public override void PrepareForCreate(StrategyContext context, JsonObject obj) => obj["status"] = new JsonObject { ["replicas"] = 0 };

    public override void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes) =>
        WorkloadValidation.ValidateSelectorAndTemplate(obj["spec"] as JsonObject, causes, ["Always"]);

    public override void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes) =>
        WorkloadValidation.ValidateSelectorUnchanged(obj, old, causes);
}
