using System.Text;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Secrets;

/// <summary>
/// Secrets: type Opaque by default; <c>stringData</c> is written into <c>data</c> (base64) and dropped, as the v1
/// conversion does (pkg/apis/core/v1/conversion.go); <c>data</c> values must be base64, as Go's []byte decoding demands;
/// the type never changes and, once <c>immutable</c>, neither does the data.
/// </summary>
public sealed class SecretStrategy : ResourceStrategy
{
    private static readonly string[] DataFields = ["data"];

    public override void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes)
    {
        ConfigMaps.ImmutableData.Validate(obj, old, DataFields, causes);
        if (!JsonNode.DeepEquals(obj["type"], old["type"]))
        {
            causes.Add(StatusCause.Invalid("type", obj["type"]?.ToString(), "field is immutable"));
        }
    }

    public override void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = KubeJson.GetOrAddObject(obj, "data");
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }

            obj.Remove("stringData");
        }
    }

    public override void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes)
    {
        foreach (var (key, value) in obj["data"] as JsonObject ?? [])
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            Span<byte> buffer = new byte[((text?.Length ?? 0) * 3 / 4) + 3];
            if (text is null || !Convert.TryFromBase64String(text, buffer, out _))
            {
                throw ApiErrors.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0 in data[{key}]");
            }
        }
    }
}
