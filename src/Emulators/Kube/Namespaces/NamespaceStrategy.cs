using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Namespaces;

/// <summary>
/// Namespaces (pkg/registry/core/namespace/strategy.go): DNS-1123 label names, phase Active and the
/// <c>kubernetes</c> finalizer on create, and the immutable <c>kubernetes.io/metadata.name</c> label.
/// </summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    public const string NameLabel = "kubernetes.io/metadata.name";

    public override NameRule NameRule => NameRule.Dns1123Label;

    public override void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
        if (Meta.Name(obj) is { Length: > 0 } name)
        {
            Meta.SetLabel(obj, NameLabel, name);
        }
    }

    public override void PrepareForCreate(StrategyContext context, JsonObject obj)
    {
        KubeJson.GetOrAddObject(obj, "spec")["finalizers"] = new JsonArray("kubernetes");
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    public override void PrepareForUpdate(StrategyContext context, JsonObject obj, JsonObject old)
    {
        // spec.finalizers change only through the finalize subresource.
        if (old["spec"] is JsonObject oldSpec)
        {
            obj["spec"] = oldSpec.DeepClone();
        }
    }
}
