using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>JSON and time formats of ECI responses: PascalCase names as declared, nulls omitted, times
/// <c>yyyy-MM-ddTHH:mm:ssZ</c> in UTC (reference §3.2).</summary>
internal static class WireFormat
{
    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => Time((DateTimeOffset?)at)!;

    /// <summary>RFC 3339 with nanoseconds, as Kubernetes log timestamps.</summary>
    public static string LogTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(RpcParameters p, string name)
    {
        string? text = p.Optional(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at)
            ? at
            : throw EciErrors.InvalidParameter(name, $"Use an RFC 3339 UTC time such as 2024-01-01T00:00:00Z, got \"{text}\".");
    }
}
