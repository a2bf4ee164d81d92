using System.Globalization;
using System.Text.Json;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// The merged request parameters (URL query and form body, reference §1.2) with typed readers that answer
/// <c>MissingParameter</c>/<c>InvalidParameter</c> the way ECI does. Flattened lists are 1-based (<c>X.1</c>, <c>X.2</c>).
/// </summary>
internal sealed class RpcParameters(Dictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> All => values;

    public string? this[string name] => values.TryGetValue(name, out string? v) ? v : null;

    public bool Has(string name) => values.ContainsKey(name);

    public string Required(string name)
    {
        string? v = this[name];
        return string.IsNullOrEmpty(v) ? throw EciErrors.MissingParameter(name) : v;
    }

    public string? Optional(string name)
    {
        string? v = this[name];
        return string.IsNullOrEmpty(v) ? null : v;
    }

    public long? Long(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        string? v = Optional(name);
        if (v is null)
        {
            return null;
        }

        if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) || n < min || n > max)
        {
            throw EciErrors.InvalidParameter(name, $"Expected an integer between {min} and {max}, got \"{v}\".");
        }

        return n;
    }

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue) => (int?)Long(name, min, max);

    public double? Double(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        string? v = Optional(name);
        if (v is null)
        {
            return null;
        }

        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || double.IsNaN(d) || d < min || d > max)
        {
            throw EciErrors.InvalidParameter(name, $"Expected a number between {min} and {max}, got \"{v}\".");
        }

        return d;
    }

    public bool? Bool(string name)
    {
        string? v = Optional(name);
        return v switch
        {
            null => null,
            _ when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            _ when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw EciErrors.InvalidParameter(name, $"Expected true or false, got \"{v}\"."),
        };
    }

    /// <summary>Values of <c>prefix.1</c>, <c>prefix.2</c>… up to the first gap.</summary>
    public IReadOnlyList<string> List(string prefix)
    {
        List<string> items = [];
        for (int i = 1; values.TryGetValue($"{prefix}.{i}", out string? v); i++)
        {
            items.Add(v);
        }

        return items;
    }

    /// <summary>
    /// The 1-based indices <c>n</c> for which some key starts with <c>prefix.n.</c> (or equals <c>prefix.n</c>),
    /// in order. Gaps are tolerated, as the SDKs never send them but hand-built requests might.
    /// </summary>
    public IReadOnlyList<string> Items(string prefix)
    {
        SortedSet<int> indices = [];
        string head = prefix + ".";
        foreach (string key in values.Keys)
        {
            if (!key.StartsWith(head, StringComparison.Ordinal))
            {
                continue;
            }

            int end = key.IndexOf('.', head.Length);
            ReadOnlySpan<char> digits = end < 0 ? key.AsSpan(head.Length) : key.AsSpan(head.Length, end - head.Length);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
            {
                indices.Add(n);
            }
        }

        return [.. indices.Select(i => $"{prefix}.{i.ToString(CultureInfo.InvariantCulture)}")];
    }

    /// <summary>A JSON array of strings in one parameter, e.g. <c>ContainerGroupIds=["eci-a","eci-b"]</c>.</summary>
    public IReadOnlyList<string>? JsonStrings(string name, int maxCount)
    {
        string? v = Optional(name);
        if (v is null)
        {
            return null;
        }

        try
        {
            string[]? items = JsonSerializer.Deserialize<string[]>(v);
            if (items is null || items.Length > maxCount || items.Any(string.IsNullOrEmpty))
            {
                throw EciErrors.InvalidParameter(name, $"Expected a JSON array of at most {maxCount} non-empty strings.");
            }

            return items;
        }
        catch (JsonException)
        {
            throw EciErrors.InvalidParameter(name, "Expected a JSON array of strings, e.g. [\"eci-xxx\"].");
        }
    }

    /// <summary>Tags sent as <c>Tag.N.Key</c>/<c>Tag.N.Value</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags(string prefix = "Tag")
    {
        List<KeyValuePair<string, string>> tags = [];
        foreach (string item in Items(prefix))
        {
            string key = Required(item + ".Key");
            tags.Add(new(key, this[item + ".Value"] ?? ""));
        }

        return tags;
    }
}
