using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

/// <summary>Lists where two JSON documents differ, as <c>path: expected X, got Y</c>, for failure messages that point at the field.</summary>
public static class JsonDiff
{
    public static List<string> Compare(JsonNode? expected, JsonNode? actual, string path = "")
    {
        var differences = new List<string>();
        Walk(expected, actual, path, differences);
        return differences;
    }

    /// <summary>Removes null-valued properties (Go's JSON writes a zero metav1.Time as null; the decoder leaves it out).</summary>
    public static void RemoveNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                obj.Remove(key);
            }
        }

        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
        {
            RemoveNulls(child);
        }
    }

    /// <summary>Removes properties given as <c>name</c> (anywhere) or <c>parent.name</c> (under a property called parent; lists are transparent).</summary>
    public static void RemoveProperties(JsonNode? node, IReadOnlyCollection<string> names, string parent = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (names.Contains(key) || names.Contains(parent + "." + key))
                    {
                        obj.Remove(key);
                        continue;
                    }

                    RemoveProperties(obj[key], names, key);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RemoveProperties(item, names, parent);
                }

                break;
        }
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: expected {Text(value)}, missing");
                        continue;
                    }

                    Walk(value, a[key], $"{path}.{key}", differences);
                }

                differences.AddRange(a.Where(p => !e.ContainsKey(p.Key)).Select(p => $"{path}.{p.Key}: unexpected {Text(p.Value)}"));
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Walk(e[i], a[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {Text(expected)}, got {Text(actual)}");
                }

                break;
        }
    }

    private static string Text(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
