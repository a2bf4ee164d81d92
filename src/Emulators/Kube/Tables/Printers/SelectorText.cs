using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// Label selectors and label maps as the printers write them: metav1.LabelSelectorAsSelector(...).String()
/// (requirements sorted by key, set values sorted: <c>app=web,tier in (a,b),!legacy</c>), FormatLabelSelector
/// (empty is <c>&lt;none&gt;</c>) and labels.FormatLabels.
/// </summary>
internal static class SelectorText
{
    /// <summary>selector.String(): "" for a missing or empty selector.</summary>
    public static string Of(JsonElement? selector)
    {
        if (selector is not { ValueKind: JsonValueKind.Object } s)
        {
            return "";
        }

        var requirements = new List<(string Key, string Text)>();
        foreach (var label in s.Entries("matchLabels"))
        {
            requirements.Add((label.Name, $"{label.Name}={label.Value.GetString()}"));
        }

        foreach (var expression in s.Items("matchExpressions"))
        {
            var key = expression.Str("key");
            var values = expression.Items("values").Select(v => v.GetString() ?? "").Order(StringComparer.Ordinal).ToList();
            var list = values.Count == 1 ? values[0] : string.Join(',', values);
            requirements.Add((key, expression.Str("operator") switch
            {
                "In" => $"{key} in ({list})",
                "NotIn" => $"{key} notin ({list})",
                "Exists" => key,
                "DoesNotExist" => $"!{key}",
                var other => $"{key} {other} ({list})",
            }));
        }

        return string.Join(',', requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    /// <summary>metav1.FormatLabelSelector: like <see cref="Of"/>, <c>&lt;none&gt;</c> when empty.</summary>
    public static string Format(JsonElement? selector) => Of(selector) is { Length: > 0 } text ? text : "<none>";

    /// <summary>labels.FormatLabels: <c>k=v</c> pairs sorted by key, <c>&lt;none&gt;</c> when empty.</summary>
    public static string Labels(JsonElement? labels)
    {
        if (labels is not { ValueKind: JsonValueKind.Object } map)
        {
            return "<none>";
        }

        var pairs = map.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}").ToList();
        return pairs.Count == 0 ? "<none>" : string.Join(',', pairs);
    }

    /// <summary>layoutContainerCells: container names and images, comma-separated.</summary>
    public static (string Names, string Images) Containers(JsonElement podSpec)
    {
        var containers = podSpec.Items("containers").ToList();
        return (string.Join(',', containers.Select(c => c.Str("name"))), string.Join(',', containers.Select(c => c.Str("image"))));
    }
}
