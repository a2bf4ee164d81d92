using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// Reads and validates pod annotations. A malformed value records an <see cref="Unsupported"/>
/// (<see cref="MappingReasons.InvalidAnnotation"/>) naming the annotation, the value and the accepted format, and reads
/// as absent. A blank value reads as absent.
/// </summary>
internal sealed class AnnotationReader(MappingScope scope)
{
    private readonly IDictionary<string, string> annotations = scope.Pod.Metadata.Annotations ?? new Dictionary<string, string>();

    /// <summary>The first of <paramref name="names"/> given, with its value.</summary>
    public (string Name, string Value)? Find(params string[] names)
    {
        foreach (string name in names)
        {
            if (annotations.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value))
            {
                return (name, value.Trim());
            }
        }

        return null;
    }

    public string? Text(params string[] names) => Find(names)?.Value;

    public bool? Bool(params string[] names) => Parse(names, "\"true\" or \"false\"", v =>
        bool.TryParse(v, out bool b) ? b : (bool?)null);

    public int? Int(string name, int min, int max) => Parse([name], $"a whole number from {min} to {max}", v =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n : (int?)null);

    public string? OneOf(string name, params string[] allowed) => Parse([name], $"one of {string.Join(", ", allowed)}", v =>
        allowed.FirstOrDefault(a => a == v));

    /// <summary>A value that must match <paramref name="pattern"/>.</summary>
    public string? Matching(string name, Regex pattern, string expected) => Parse([name], expected, v => pattern.IsMatch(v) ? v : null);

    /// <summary>A comma list of 1..<paramref name="max"/> items, each matching <paramref name="item"/>.</summary>
    public IReadOnlyList<string>? List(string[] names, int max, Regex item, string expected) =>
        Parse(names, $"a comma-separated list of at most {max} {expected}", v =>
        {
            string[] items = [.. v.Split(',').Select(s => s.Trim())];
            return items.Length <= max && items.All(item.IsMatch) ? items : null;
        });

    /// <summary>Parses the first given of <paramref name="names"/>; null when absent or malformed (failure recorded).</summary>
    public T? Parse<T>(string[] names, string expected, Func<string, T?> parse)
    {
        if (Find(names) is not { } found)
        {
            return default;
        }

        T? value = parse(found.Value);
        if (value is null)
        {
            scope.InvalidAnnotation(found.Name, found.Value, expected);
        }

        return value;
    }

    /// <summary>Records the annotation, when present, as invalid: its value is well-formed but does not fit the others.</summary>
    public void Invalid(string name, string expected)
    {
        if (Find(name) is { } found)
        {
            scope.InvalidAnnotation(found.Name, found.Value, expected);
        }
    }

    /// <summary>Records a note when the annotation is present (after validating it with whatever the caller read).</summary>
    public void NotApplied(string name, string why)
    {
        if (Find(name) is { } found)
        {
            scope.Note($"Annotation {name}=\"{found.Value}\" is not applied: {why}");
        }
    }
}
