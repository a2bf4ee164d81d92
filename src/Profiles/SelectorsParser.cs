using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansEci.Profiles;

/// <summary>
/// Parses and checks the eci-profile <c>selectors</c> JSON array. Every problem is reported with the selector's index
/// and name; nothing is guessed (a misspelt property is an error, not ignored, so a typo cannot silently route pods).
/// </summary>
internal static partial class SelectorsParser
{
    private const string Key = EciProfileKeys.Selectors;
    private const int MaxNameLength = 63;

    public static List<ProfileSelector> Parse(string json, List<ProfileProblem> errors)
    {
        List<ProfileSelector> selectors = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            errors.Add(new ProfileProblem(Key, $"is not valid JSON ({ex.Message}); expected an array of selectors such as [{{\"name\":\"gpu\",\"objectSelector\":{{\"matchLabels\":{{\"app\":\"gpu\"}}}}}}]"));
            return selectors;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ProfileProblem(Key, $"is a JSON {Kind(document.RootElement)}; expected an array of selectors"));
                return selectors;
            }

            int index = 0;
            HashSet<string> names = new(StringComparer.Ordinal);
            foreach (JsonElement item in document.RootElement.EnumerateArray())
            {
                int before = errors.Count;
                ProfileSelector? selector = ParseOne(item, index, errors);
                if (selector is not null && !names.Add(selector.Name))
                {
                    errors.Add(new ProfileProblem(Key, $"selectors[{index}] (\"{selector.Name}\"): the name is used by an earlier selector; names must be unique"));
                }

                if (selector is not null && errors.Count == before)
                {
                    selectors.Add(selector);
                }

                index++;
            }
        }

        return selectors;
    }

    private static ProfileSelector? ParseOne(JsonElement item, int index, List<ProfileProblem> errors)
    {
        string where = $"selectors[{index}]";
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ProfileProblem(Key, $"{where} is a JSON {Kind(item)}; expected an object with a name"));
            return null;
        }

        Dictionary<string, JsonElement> properties = Properties(item, where, ["name", "namespaceSelector", "objectSelector", "effect"], errors);
        string? name = null;
        if (!properties.TryGetValue("name", out JsonElement nameElement))
        {
            errors.Add(new ProfileProblem(Key, $"{where} has no name; every selector needs one"));
        }
        else if (nameElement.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ProfileProblem(Key, $"{where}: name is a JSON {Kind(nameElement)}; expected a string"));
        }
        else
        {
            name = nameElement.GetString()!;
            if (name.Length == 0 || name.Length > MaxNameLength || !DnsLabelPattern().IsMatch(name))
            {
                errors.Add(new ProfileProblem(Key, $"{where}: name \"{name}\" must be a DNS label (lower-case alphanumerics and '-', at most {MaxNameLength} characters) because it names the selector's webhook in vk-webhook"));
            }
        }

        where = name is null ? where : $"{where} (\"{name}\")";
        var namespaceLabels = properties.TryGetValue("namespaceSelector", out JsonElement ns) ? Selector(ns, $"{where}: namespaceSelector", errors) : null;
        var objectLabels = properties.TryGetValue("objectSelector", out JsonElement obj) ? Selector(obj, $"{where}: objectSelector", errors) : null;
        SelectorEffect effect = properties.TryGetValue("effect", out JsonElement eff) ? Effect(eff, $"{where}: effect", errors) : SelectorEffect.None;
        if (namespaceLabels is null && objectLabels is null && effect.IsEmpty && !properties.ContainsKey("namespaceSelector") && !properties.ContainsKey("objectSelector"))
        {
            errors.Add(new ProfileProblem(Key, $"{where} has no namespaceSelector, no objectSelector and no effect, so it does nothing; give it a selector or an effect, or remove it"));
        }

        return name is null ? null : new ProfileSelector(name, namespaceLabels, objectLabels, effect);
    }

    private static Dictionary<string, string>? Selector(JsonElement element, string where, List<ProfileProblem> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ProfileProblem(Key, $"{where} is a JSON {Kind(element)}; expected an object with matchLabels"));
            return null;
        }

        Dictionary<string, JsonElement> properties = Properties(element, where, ["matchLabels"], errors);
        if (!properties.TryGetValue("matchLabels", out JsonElement matchLabels))
        {
            errors.Add(new ProfileProblem(Key, $"{where} has no matchLabels; give the labels that must all match"));
            return null;
        }

        Dictionary<string, string>? labels = StringMap(matchLabels, $"{where}.matchLabels", labelValues: true, errors);
        if (labels is not null && !matchLabels.EnumerateObject().Any())
        {
            errors.Add(new ProfileProblem(Key, $"{where}.matchLabels is empty, which would match every pod and send all of them to ECI; give at least one label, or drop the selector and keep only an effect"));
            return null;
        }

        return labels;
    }

    private static SelectorEffect Effect(JsonElement element, string where, List<ProfileProblem> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ProfileProblem(Key, $"{where} is a JSON {Kind(element)}; expected an object with annotations and/or labels"));
            return SelectorEffect.None;
        }

        Dictionary<string, JsonElement> properties = Properties(element, where, ["annotations", "labels"], errors);
        var annotations = properties.TryGetValue("annotations", out JsonElement a) ? StringMap(a, $"{where}.annotations", labelValues: false, errors) : null;
        var labels = properties.TryGetValue("labels", out JsonElement l) ? StringMap(l, $"{where}.labels", labelValues: true, errors) : null;
        return new SelectorEffect(annotations ?? [], labels ?? []);
    }

    private static Dictionary<string, string>? StringMap(JsonElement element, string where, bool labelValues, List<ProfileProblem> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ProfileProblem(Key, $"{where} is a JSON {Kind(element)}; expected an object of string keys and string values"));
            return null;
        }

        Dictionary<string, string> map = new(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string at = $"{where}[\"{property.Name}\"]";
            if (map.ContainsKey(property.Name))
            {
                errors.Add(new ProfileProblem(Key, $"{at} is given twice"));
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new ProfileProblem(Key, $"{at} is a JSON {Kind(property.Value)}; expected a string (quote it: \"{property.Value.GetRawText()}\")"));
                continue;
            }

            string value = property.Value.GetString()!;
            if (LabelSyntax.KeyProblem(property.Name) is { } keyProblem)
            {
                errors.Add(new ProfileProblem(Key, $"{at} is not a valid key: {keyProblem}"));
            }
            else if (labelValues && LabelSyntax.ValueProblem(value) is { } valueProblem)
            {
                errors.Add(new ProfileProblem(Key, $"{at} has an invalid label value: {valueProblem}"));
            }
            else
            {
                map[property.Name] = value;
            }
        }

        return map;
    }

    /// <summary>The object's properties, each allowed name once; unknown and repeated names are errors.</summary>
    private static Dictionary<string, JsonElement> Properties(JsonElement element, string where, string[] allowed, List<ProfileProblem> errors)
    {
        Dictionary<string, JsonElement> properties = new(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                string hint = property.Name == "matchExpressions"
                    ? "matchExpressions is not supported in eci-profile selectors; use matchLabels"
                    : $"expected only {string.Join(", ", allowed)} (names are case-sensitive)";
                errors.Add(new ProfileProblem(Key, $"{where} has an unknown property \"{property.Name}\"; {hint}"));
            }
            else if (!properties.TryAdd(property.Name, property.Value))
            {
                errors.Add(new ProfileProblem(Key, $"{where} gives \"{property.Name}\" twice"));
            }
        }

        return properties;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();
}
