using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansEci.Eci.Wire;

/// <summary>
/// Turns a typed request record into ECI's flat RPC parameters, once and generically
/// (eci-openapi.md §1.4): lists are 1-based (<c>Container.1.Image</c>), nested objects are joined
/// with dots (<c>Container.1.LivenessProbe.HttpGet.Path</c>), some lists are JSON text or comma lists
/// (<see cref="WireFormatAttribute"/>), booleans are <c>true</c>/<c>false</c>, numbers are invariant
/// decimal. Null properties are not sent; an explicit empty string is sent as <c>Name=</c>.
/// Written by hand: the official SDK's flattener is not available for .NET here.
/// </summary>
internal static class EciParameterFlattener
{
    private static readonly ConcurrentDictionary<Type, WireProperty[]> Properties = new();

    // JSON-text parameters carry commands and ids; keep them readable (no \u002B for '+').
    private static readonly JsonSerializerOptions JsonTextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Flattens <paramref name="request"/> into wire parameters in declaration order.</summary>
    public static List<KeyValuePair<string, string>> Flatten(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var output = new List<KeyValuePair<string, string>>();
        WriteObject(prefix: "", concatenate: false, request, output);
        return output;
    }

    private static void WriteValue(string name, object? value, WireProperty? property, List<KeyValuePair<string, string>> output)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                output.Add(new(name, text));
                return;
            case IEnumerable list when !IsScalar(value):
                WriteList(name, list, property?.Format ?? WireFormat.Repeated, output);
                return;
            default:
                if (IsScalar(value))
                {
                    output.Add(new(name, FormatScalar(value)));
                }
                else
                {
                    WriteObject(name, property?.Concatenate ?? false, value, output);
                }

                return;
        }
    }

    private static void WriteList(string name, IEnumerable list, WireFormat format, List<KeyValuePair<string, string>> output)
    {
        var items = list.Cast<object?>().Where(static item => item is not null).ToList();
        switch (format)
        {
            case WireFormat.JsonText:
                output.Add(new(name, JsonSerializer.Serialize(items.Select(FormatScalarForJson), JsonTextOptions)));
                return;
            case WireFormat.CommaList:
                if (items.Count > 0)
                {
                    output.Add(new(name, string.Join(',', items.Select(static item => FormatScalar(item!)))));
                }

                return;
            default:
                for (int i = 0; i < items.Count; i++)
                {
                    WriteValue(name + "." + (i + 1).ToString(CultureInfo.InvariantCulture), items[i], property: null, output);
                }

                return;
        }
    }

    private static void WriteObject(string prefix, bool concatenate, object value, List<KeyValuePair<string, string>> output)
    {
        foreach (WireProperty property in Properties.GetOrAdd(value.GetType(), Describe))
        {
            string name = prefix.Length == 0 ? property.Name
                : concatenate ? prefix + property.Name
                : prefix + "." + property.Name;
            WriteValue(name, property.Info.GetValue(value), property, output);
        }
    }

    private static WireProperty[] Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(static p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Where(static p => p.GetCustomAttribute<WireIgnoreAttribute>() is null)
            .OrderBy(static p => p.MetadataToken)
            .Select(static p =>
            {
                var wireName = p.GetCustomAttribute<WireNameAttribute>();
                return new WireProperty(
                    p,
                    wireName?.Name ?? p.Name,
                    wireName?.Concatenate ?? false,
                    p.GetCustomAttribute<WireFormatAttribute>()?.Format ?? WireFormat.Repeated);
            })
            .ToArray();

    private static bool IsScalar(object value) =>
        value is string or bool or int or long or double or float or decimal or short or byte or DateTimeOffset or DateTime or Enum;

    private static object FormatScalarForJson(object? value) => value switch
    {
        string text => text,
        _ => FormatScalar(value!),
    };

    /// <summary>Formats one scalar the way ECI expects it in a parameter value.</summary>
    public static string FormatScalar(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset time => FormatTime(time),
        DateTime time => FormatTime(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>ECI's UTC timestamp form <c>yyyy-MM-ddTHH:mm:ssZ</c> (eci-openapi.md §1.3).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record WireProperty(PropertyInfo Info, string Name, bool Concatenate, WireFormat Format);
}
