using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Patching;

/// <summary>
/// RFC 6902 JSON patch (<c>application/json-patch+json</c>) over <see cref="JsonNode"/>: add, remove, replace, move,
/// copy, test, with RFC 6901 pointers. Written by hand: JsonPatch.Net is not available here and
/// Microsoft.AspNetCore.JsonPatch targets typed objects, not the JSON trees this store keeps.
/// Failures are 422 Invalid as kube-apiserver reports patch application errors; a malformed document is 400.
/// </summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiErrors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var root = new JsonObject { ["doc"] = document };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op)
            {
                throw ApiErrors.BadRequest("json: cannot unmarshal non-object into Go value of type jsonpatch.Operation");
            }

            ApplyOne(root, op);
        }

        var result = root["doc"]!;
        root.Remove("doc");
        return result;
    }

    private static void ApplyOne(JsonObject root, JsonObject op)
    {
        var kind = Str(op, "op");
        var path = Str(op, "path");
        switch (kind)
        {
            case "add":
                Add(root, path, Value(op, kind));
                break;
            case "remove":
                Remove(root, path, kind);
                break;
            case "replace":
                Remove(root, path, kind);
                Add(root, path, Value(op, kind));
                break;
            case "move":
                var moved = Remove(root, Str(op, "from"), kind);
                Add(root, path, moved);
                break;
            case "copy":
                Add(root, path, Resolve(root, Str(op, "from"), kind)?.DeepClone());
                break;
            case "test":
                var actual = Resolve(root, path, kind);
                if (!JsonNode.DeepEquals(actual, op["value"]))
                {
                    throw Fail($"testing value {path} failed: test failed");
                }

                break;
            default:
                throw ApiErrors.BadRequest($"Unexpected kind: {kind}");
        }
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path, "add");
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(last);
                obj[last] = value;
                break;
            case JsonArray array:
                var index = last == "-" ? array.Count : Index(last, array.Count + 1, path, "add");
                array.Insert(index, value);
                break;
            default:
                throw Fail($"add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path, string kind)
    {
        var (parent, last) = Parent(root, path, kind);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                var value = obj[last];
                obj.Remove(last);
                return value;
            case JsonArray array:
                var index = Index(last, array.Count, path, kind);
                var item = array[index];
                array.RemoveAt(index);
                return item;
            default:
                throw Fail($"{kind} operation does not apply: doc is missing key: {path}");
        }
    }

    private static JsonNode? Resolve(JsonObject root, string path, string kind)
    {
        var (parent, last) = Parent(root, path, kind);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(last, out var v) => v,
            JsonArray array => array[Index(last, array.Count, path, kind)],
            _ => throw Fail($"{kind} operation does not apply: doc is missing path: {path}"),
        };
    }

    private static (JsonNode? Parent, string Last) Parent(JsonObject root, string path, string kind)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw ApiErrors.BadRequest($"JSON pointer must be empty or start with a \"/\": \"{path}\"");
        }

        var tokens = path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root;
        var last = "doc";
        foreach (var token in tokens.Prepend("doc").SkipLast(1))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var v) => v,
                JsonArray array => array[Index(token, array.Count, path, kind)],
                _ => throw Fail($"{kind} operation does not apply: doc is missing path: \"{path}\""),
            };
        }

        if (tokens.Length > 0)
        {
            last = tokens[^1];
        }

        return (node, last);
    }

    private static int Index(string token, int count, string path, string kind)
    {
        if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= count)
        {
            throw Fail($"{kind} operation does not apply: doc is missing path: \"{path}\": index out of range");
        }

        return index;
    }

    private static string Str(JsonObject op, string name) =>
        op[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : throw ApiErrors.BadRequest($"json patch operation is missing \"{name}\"");

    private static JsonNode? Value(JsonObject op, string kind) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone()
        : throw Fail($"{kind} operation has no \"value\"");

    private static ApiException Fail(string message) => new(422, "Invalid", message);
}
