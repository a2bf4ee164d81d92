using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>
/// How a remote command ended, as the error stream (SPDY) or channel 3 (WebSocket) reports it: a metav1.Status in
/// v4/v5 (<c>NonZeroExitCode</c> with an <c>ExitCode</c> cause for exit codes), plain text in v1–v3.
/// </summary>
public sealed record RemoteCommandStatus
{
    private RemoteCommandStatus(bool isSuccess, int? exitCode, string? message, string? reason, int? code)
    {
        IsSuccess = isSuccess;
        ExitCode = exitCode;
        Message = message;
        Reason = reason;
        Code = code;
    }

    /// <summary>The command exited 0.</summary>
    public static RemoteCommandStatus Success { get; } = new(true, 0, null, null, null);

    /// <summary>True when the command exited 0.</summary>
    public bool IsSuccess { get; }

    /// <summary>The exit code when known (0 on success), else null.</summary>
    public int? ExitCode { get; }

    /// <summary>The failure message, or null on success.</summary>
    public string? Message { get; }

    /// <summary>The metav1.Status reason (<c>NonZeroExitCode</c>, <c>InternalError</c>, …), or null.</summary>
    public string? Reason { get; }

    /// <summary>The metav1.Status HTTP-like code, or null.</summary>
    public int? Code { get; }

    /// <summary>The command exited with <paramref name="exitCode"/> (0 gives <see cref="Success"/>); the message
    /// names the command as the kubelet does.</summary>
    public static RemoteCommandStatus FromExitCode(int exitCode, IReadOnlyList<string>? command = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exitCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exitCode, 255);
        return exitCode == 0
            ? Success
            : new(false, exitCode,
                $"command terminated with non-zero exit code: error executing command [{string.Join(' ', command ?? [])}], exit code {exitCode}",
                "NonZeroExitCode", null);
    }

    /// <summary>The command could not run or was lost; kubectl prints <paramref name="message"/>.</summary>
    public static RemoteCommandStatus Failure(string message, string reason = "InternalError", int? code = 500) =>
        new(false, null, message, reason, code);

    /// <summary>Encodes the status for <paramref name="protocol"/>: JSON for v4/v5, text for older ones (empty on success).</summary>
    public byte[] Encode(string protocol) =>
        RemoteCommandProtocols.HasStatusJson(protocol) ? ToJson() : Encoding.UTF8.GetBytes(IsSuccess ? "" : Message ?? "");

    /// <summary>Decodes what the error stream or channel 3 carried for <paramref name="protocol"/>.</summary>
    public static RemoteCommandStatus Decode(string protocol, ReadOnlySpan<byte> bytes)
    {
        if (!RemoteCommandProtocols.HasStatusJson(protocol))
        {
            var text = Encoding.UTF8.GetString(bytes).Trim();
            return text.Length == 0 ? Success : Failure(text, "Unknown", null);
        }

        return bytes.Trim(" \r\n\t"u8).IsEmpty ? Success : ParseJson(bytes);
    }

    /// <summary>The v4 metav1.Status JSON, exactly as the kubelet writes it.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteString("status", IsSuccess ? "Success" : "Failure");
            if (!IsSuccess)
            {
                json.WriteString("message", Message);
                json.WriteString("reason", Reason);
                if (ExitCode is { } exitCode)
                {
                    json.WriteStartObject("details");
                    json.WriteStartArray("causes");
                    json.WriteStartObject();
                    json.WriteString("reason", "ExitCode");
                    json.WriteString("message", exitCode.ToString(CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                if (Code is { } code)
                {
                    json.WriteNumber("code", code);
                }
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a v4 metav1.Status as client-go does: an <c>ExitCode</c> cause (0–255) under
    /// <c>NonZeroExitCode</c> gives the exit code; any other failure keeps its message.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a metav1.Status.</exception>
    public static RemoteCommandStatus ParseJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (status == "Success")
            {
                return Success;
            }

            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            var reason = root.TryGetProperty("reason", out var r) ? r.GetString() : null;
            int? code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var value) ? value : null;
            if (reason == "NonZeroExitCode" && ExitCodeCause(root) is { } exitCode)
            {
                return new(false, exitCode, message, reason, code);
            }

            return new(false, null, message ?? $"remote command failed with status {status ?? "(none)"}", reason, code);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The error stream does not carry a metav1.Status JSON: " + ex.Message, ex);
        }
    }

    private static int? ExitCodeCause(JsonElement root)
    {
        if (!root.TryGetProperty("details", out var details) || !details.TryGetProperty("causes", out var causes) || causes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var cause in causes.EnumerateArray())
        {
            if (cause.TryGetProperty("reason", out var reason) && reason.GetString() == "ExitCode"
                && cause.TryGetProperty("message", out var message)
                && byte.TryParse(message.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var exitCode))
            {
                return exitCode;
            }
        }

        return null;
    }
}
