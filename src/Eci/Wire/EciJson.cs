using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansEci.Eci.Wire;

/// <summary>
/// JSON settings for ECI answers: property names match the wire names case-insensitively
/// (ECI mixes <c>Status</c> with <c>status</c>/<c>uuid</c>, eci-openapi.md §3.3), numbers may come
/// quoted, and empty timestamps read as null; members marked <c>required</c> for requests are optional in answers.
/// </summary>
internal static class EciJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            ReadCommentHandling = JsonCommentHandling.Disallow,

            // Records mark request-side members `required`; an answer that lacks one is still read.
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { static info => { foreach (var p in info.Properties) { p.IsRequired = false; } } } },
        };
        options.Converters.Add(new LenientTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
