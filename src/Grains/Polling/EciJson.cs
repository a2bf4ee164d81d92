using System.Text.Json;

namespace OrleansEci.Grains.Polling;

/// <summary>
/// How ECI client objects travel inside grain messages: UTF-8 JSON written and read with the same options, so the
/// grain interfaces stay free of the client's types.
/// </summary>
internal static class EciJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static ReadOnlyMemory<byte> Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Read<T>(ReadOnlyMemory<byte> json) => JsonSerializer.Deserialize<T>(json.Span, Options)
        ?? throw new JsonException($"Expected a {typeof(T).Name}, got JSON null.");
}
