using System.Text.Json;

namespace OrleansEci.Spdy.Upgrade;

/// <summary>Writes and reads the small metav1.Status bodies that upgrade failures carry.</summary>
internal static class KubernetesStatus
{
    public static byte[] FailureJson(int code, string reason, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "Status");
            json.WriteString("apiVersion", "v1");
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteString("status", "Failure");
            json.WriteString("message", message);
            json.WriteString("reason", reason);
            json.WriteNumber("code", code);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>message</c> of a Status body, or null if the body is not one.</summary>
    public static string? TryReadMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
