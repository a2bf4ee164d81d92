using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Pods;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Apps;

/// <summary>
/// Deployments (apps/v1 defaults: pkg/apis/apps/v1/defaults.go; strategy: pkg/registry/apps/deployment/strategy.go):
/// replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, pod template defaults;
/// empty status on create; immutable selector.
/// </summary>
public sealed class DeploymentStrategy : ResourceStrategy
{
    public override void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        spec["replicas"] ??= 1;
        var strategy = KubeJson.GetOrAddObject(spec, "strategy");
        if ((string?)(strategy["type"] ??= "RollingUpdate") == "RollingUpdate")
        {
            var rolling = KubeJson.GetOrAddObject(strategy, "rollingUpdate");
            rolling["maxUnavailable"] ??= "25%";
            rolling["maxSurge"] ??= "25%";
        }

        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        PodDefaults.ApplyToPodSpec(KubeJson.GetOrAddObject(KubeJson.GetOrAddObject(spec, "template"), "spec"));
    }

    public override void PrepareForCreate(StrategyContext context, JsonObject obj) => obj["status"] = new JsonObject();

    public override void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes) =>
        WorkloadValidation.ValidateSelectorAndTemplate(obj["spec"] as JsonObject, causes, ["Always"]);

    public override void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes) =>
        WorkloadValidation.ValidateSelectorUnchanged(obj, old, causes);
}
