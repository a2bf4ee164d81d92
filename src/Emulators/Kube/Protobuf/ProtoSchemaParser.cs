using System.Globalization;

namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>
/// Reads the compact schema text of Protobuf/Schemas (a format of this project, not .proto):
/// <code>
/// # comment
/// kind apps/v1 Deployment            (the message named like the kind; "kind * DeleteOptions" matches any apiVersion)
/// Deployment: 1 metadata ObjectMeta, 2 spec DeploymentSpec,
///   3 status DeploymentStatus        (an indented line continues the message)
/// </code>
/// A field is <c>number name[?|!] [type]</c>. The type defaults to <c>string</c>; <c>T[]</c> is a list, <c>{T}</c> a map from
/// string. Scalars: string bytes int32 int64 bool double; Kubernetes types: quantity intstr time microtime rawjson;
/// anything else names a message. <c>?</c> marks a Go pointer and <c>!</c> a JSON field without omitempty: both keep zero
/// values (see <see cref="ProtoField.KeepZero"/>). The name <c>..</c> inlines the message's fields into the parent.
/// </summary>
public static class ProtoSchemaParser
{
    public static ProtoSchema Parse(IEnumerable<(string Source, string Text)> files)
    {
        var messages = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        var kinds = new Dictionary<(string, string), string>();
        foreach (var (source, text) in files)
        {
            foreach (var (line, number) in LogicalLines(text))
            {
                try
                {
                    ParseLine(line, messages, kinds);
                }
                catch (FormatException e)
                {
                    throw new FormatException($"protobuf schema {source} line {number}: {e.Message}", e);
                }
            }
        }

        return new ProtoSchema(messages.Values, kinds);
    }

    private static void ParseLine(string line, Dictionary<string, ProtoMessage> messages, Dictionary<(string, string), string> kinds)
    {
        if (line.StartsWith("kind ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is not (3 or 4))
            {
                throw new FormatException($"expected 'kind <apiVersion> <Kind> [Message]', got '{line}'");
            }

            if (!kinds.TryAdd((parts[1], parts[2]), parts.Length == 4 ? parts[3] : parts[2]))
            {
                throw new FormatException($"kind {parts[1]} {parts[2]} is defined twice");
            }

            return;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new FormatException($"expected 'Message: fields' or 'kind ...', got '{line}'");
        }

        var name = line[..colon].Trim();
        var fields = line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseField).ToList();
        var duplicate = fields.GroupBy(f => f.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"{name} has field number {duplicate.Key} twice");
        }

        if (!messages.TryAdd(name, new ProtoMessage(name, fields)))
        {
            throw new FormatException($"message {name} is defined twice");
        }
    }

    private static ProtoField ParseField(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (2 or 3) || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw new FormatException($"expected 'number name [type]', got '{text}'");
        }

        var name = parts[1];
        var keepZero = name.EndsWith('?') || name.EndsWith('!');
        name = name.TrimEnd('?', '!');
        var type = parts.Length == 3 ? parts[2] : "string";
        var repeated = type.EndsWith("[]", StringComparison.Ordinal);
        var map = type.StartsWith('{') && type.EndsWith('}');
        type = repeated ? type[..^2] : map ? type[1..^1] : type;
        var (valueType, message) = ParseType(type);
        return new ProtoField(number, name, valueType, message, repeated, map, keepZero, name == "..");
    }

    private static (ProtoValueType Type, string? Message) ParseType(string type) => type switch
    {
        "string" => (ProtoValueType.String, null),
        "bytes" => (ProtoValueType.Bytes, null),
        "int32" => (ProtoValueType.Int32, null),
        "int64" => (ProtoValueType.Int64, null),
        "bool" => (ProtoValueType.Bool, null),
        "double" => (ProtoValueType.Double, null),
        "quantity" => (ProtoValueType.Quantity, null),
        "intstr" => (ProtoValueType.IntOrString, null),
        "time" => (ProtoValueType.Time, null),
        "microtime" => (ProtoValueType.MicroTime, null),
        "rawjson" => (ProtoValueType.RawJson, null),
        _ when type.Length > 0 && char.IsUpper(type[0]) => (ProtoValueType.Message, type),
        _ => throw new FormatException($"unknown field type '{type}'"),
    };

    /// <summary>Joins indented continuation lines to the line above and drops comments and blank lines.</summary>
    private static IEnumerable<(string Line, int Number)> LogicalLines(string text)
    {
        string? current = null;
        var start = 0;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && current is not null)
            {
                current += " " + line.Trim();
                continue;
            }

            if (current is not null)
            {
                yield return (current, start);
            }

            current = line.Trim();
            start = number;
        }

        if (current is not null)
        {
            yield return (current, start);
        }
    }
}
