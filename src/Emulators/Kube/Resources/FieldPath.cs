using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>Builds <see cref="FieldExtractor"/>s for field selectors: the value at a path, as text (Go's fields.Set formatting).</summary>
public static class FieldPath
{
    public static FieldExtractor Of(params string[] path) => obj =>
    {
        JsonNode? node = obj;
        foreach (var step in path)
        {
            node = (node as JsonObject)?[step];
        }

        return node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
            JsonValue v => v.ToJsonString(),
            _ => null,
        };
    };

    /// <summary>A boolean field that reads "false" when absent (as Go's zero value).</summary>
    public static FieldExtractor Bool(params string[] path)
    {
        var read = Of(path);
        return obj => read(obj) ?? "false";
    }
}
