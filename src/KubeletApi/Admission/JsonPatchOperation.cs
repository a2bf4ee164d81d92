using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>One RFC 6902 operation. The webhook only adds (it never overwrites or removes what a pod has).</summary>
/// <param name="Op">The operation, <c>add</c>.</param>
/// <param name="Path">A JSON Pointer (RFC 6901); build map keys with <see cref="Escape"/>.</param>
/// <param name="Value">The value added.</param>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value)
{
    /// <summary>An <c>add</c> operation.</summary>
    public static JsonPatchOperation Add(string path, JsonNode? value) => new("add", path, value);

    /// <summary>Escapes one reference token of a JSON Pointer (RFC 6901 §3: '~' as '~0', '/' as '~1').</summary>
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>The operations as the JSON array the API server applies.</summary>
    public static byte[] Serialize(IEnumerable<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (JsonPatchOperation operation in operations)
            {
                writer.WriteStartObject();
                writer.WriteString("op", operation.Op);
                writer.WriteString("path", operation.Path);
                writer.WritePropertyName("value");
                if (operation.Value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    operation.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
