using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.ConfigMaps;

/// <summary>ConfigMaps: data and binaryData frozen once <c>immutable</c> is true.</summary>
public sealed class ConfigMapStrategy : ResourceStrategy
{
    private static readonly string[] DataFields = ["data", "binaryData"];

    public override void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes) =>
        ImmutableData.Validate(obj, old, DataFields, causes);
}
