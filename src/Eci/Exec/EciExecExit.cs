using System.Globalization;
using System.Text.Json;

namespace OrleansEci.Eci.Exec;

/// <summary>
/// How an exec session's command ended, from the status message ECI sends last: an exit code (0–255), or a failure
/// message when the command could not run or the session broke without a status.
/// </summary>
/// <param name="ExitCode">The command's exit code, or null when it is not known.</param>
/// <param name="Message">Why there is no exit code (or the status's message); null on success.</param>
public sealed record EciExecExit(int? ExitCode, string? Message)
{
    /// <summary>The command exited 0.</summary>
    public static EciExecExit Success { get; } = new(0, null);

    /// <summary>The session ended without a usable exit code.</summary>
    public static EciExecExit Failed(string message) => new(null, message);

    /// <summary>
    /// Parses the status message: <c>{"status":"Success"}</c> is exit 0; <c>reason: NonZeroExitCode</c> with an
    /// <c>ExitCode</c> cause (0–255) is that code; anything else is a failure carrying the status's message. A body that
    /// is not such JSON is a failure naming what arrived, never a success.
    /// </summary>
    public static EciExecExit Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed($"ECI's exec status is not a JSON object: {Preview(json)}");
            }

            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (status == "Success")
            {
                return Success;
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (reason == "NonZeroExitCode" && ExitCodeCause(root) is { } code)
            {
                return new EciExecExit(code, message);
            }

            return Failed(message ?? $"ECI's exec status is {status ?? "missing"} without a message: {Preview(json)}");
        }
        catch (JsonException)
        {
            return Failed($"ECI's exec status is not JSON: {Preview(json)}");
        }
    }

    private static int? ExitCodeCause(JsonElement root)
    {
        if (!root.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Object
            || !details.TryGetProperty("causes", out var causes) || causes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var cause in causes.EnumerateArray())
        {
            if (cause.ValueKind == JsonValueKind.Object
                && cause.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String && reason.GetString() == "ExitCode"
                && cause.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && byte.TryParse(message.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return code;
            }
        }

        return null;
    }

    private static string Preview(ReadOnlySpan<byte> json)
    {
        var text = System.Text.Encoding.UTF8.GetString(json.Length > 200 ? json[..200] : json);
        return json.Length > 200 ? text + "…" : text;
    }
}
