using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansEci.Eci.Wire;

/// <summary>
/// Reads ECI timestamps (RFC 3339 UTC, e.g. <c>2018-08-02T15:00:00Z</c>) and treats an empty
/// string as "not set", which ECI returns for times that have not happened yet.
/// </summary>
internal sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        string? text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        throw new JsonException($"ECI timestamp '{text}' is not an RFC 3339 time such as 2018-08-02T15:00:00Z.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteStringValue(EciParameterFlattener.FormatTime(time));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
