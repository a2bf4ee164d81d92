using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Serialization;

/// <summary>
/// How this server reads and writes JSON: compact (the C# client reads watch streams line by line), HTML characters and
/// non-ASCII left unescaped like Go's encoder leaves non-ASCII (both are valid JSON).
/// </summary>
public static class KubeJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Serializes a node to compact UTF-8 JSON.</summary>
    public static byte[] ToBytes(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses stored bytes into a private, mutable object (every caller gets its own tree).</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> json) =>
        JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
        ?? throw new InvalidDataException("stored JSON is not an object");

    /// <summary>The string at <c>obj[a][b]...</c>, or null when any step is missing or not a string.</summary>
    public static string? GetString(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var step in path)
        {
            node = (node as JsonObject)?[step];
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>The object at <c>obj[name]</c>, created when missing (or when it is not an object).</summary>
    public static JsonObject GetOrAddObject(JsonObject obj, string name)
    {
        if (obj[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        obj[name] = created;
        return created;
    }

    /// <summary>A JSON integer as long (whatever CLR type the node holds), or null when it is not an integral number.</summary>
    public static long? GetInt64(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        var text = v.ToJsonString();
        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
            : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) ? (long)d
            : null;
    }
}
