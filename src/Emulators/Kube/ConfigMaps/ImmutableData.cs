using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.ConfigMaps;

/// <summary>
/// The <c>immutable: true</c> rule of ConfigMaps and Secrets (ValidateConfigMapUpdate / ValidateSecretUpdate in
/// pkg/apis/core/validation/validation.go): once set, neither the flag nor the data may change.
/// </summary>
public static class ImmutableData
{
    private const string Message = "field is immutable when `immutable` is set";

    public static void Validate(JsonObject obj, JsonObject old, IEnumerable<string> dataFields, List<StatusCause> causes)
    {
        if (old["immutable"] is not JsonValue flag || !flag.TryGetValue<bool>(out var immutable) || !immutable)
        {
            return;
        }

        if (obj["immutable"] is not JsonValue now || !now.TryGetValue<bool>(out var still) || !still)
        {
            causes.Add(StatusCause.Forbidden("immutable", Message));
        }

        foreach (var field in dataFields)
        {
            if (!JsonNode.DeepEquals(obj[field], old[field]))
            {
                causes.Add(StatusCause.Forbidden(field, Message));
            }
        }
    }
}
