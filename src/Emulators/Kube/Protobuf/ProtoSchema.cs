using System.Collections.Frozen;

namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>
/// The protobuf messages this server can decode and which message each API kind is. Built from the schema text files
/// (<see cref="ProtoSchemaParser"/>); <see cref="Default"/> holds the built-in Kubernetes kinds.
/// </summary>
public sealed class ProtoSchema
{
    private readonly FrozenDictionary<string, ProtoMessage> _messages;
    private readonly FrozenDictionary<(string ApiVersion, string Kind), string> _kinds;

    public ProtoSchema(IEnumerable<ProtoMessage> messages, IEnumerable<KeyValuePair<(string ApiVersion, string Kind), string>> kinds)
    {
        _messages = messages.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
        _kinds = kinds.ToFrozenDictionary();
        Validate();
    }

    /// <summary>The schema of the kinds this server serves, read once from the embedded files under Protobuf/Schemas.</summary>
    public static ProtoSchema Default => DefaultHolder.Value;

    public IEnumerable<ProtoMessage> Messages => _messages.Values;

    /// <summary>The (apiVersion, kind) pairs that decode; <c>*</c> as apiVersion matches any (DeleteOptions is in every group).</summary>
    public IEnumerable<(string ApiVersion, string Kind)> Kinds => _kinds.Keys;

    public ProtoMessage Message(string name) =>
        _messages.TryGetValue(name, out var message) ? message : throw new KeyNotFoundException($"protobuf schema has no message {name}");

    /// <summary>The message for a kind, or null when this server has no protobuf schema for it.</summary>
    public ProtoMessage? ForKind(string apiVersion, string kind) =>
        _kinds.TryGetValue((apiVersion, kind), out var name) || _kinds.TryGetValue(("*", kind), out name) ? _messages[name] : null;

    private void Validate()
    {
        foreach (var message in _messages.Values)
        {
            foreach (var field in message.Fields.Where(f => f.Type == ProtoValueType.Message))
            {
                if (!_messages.ContainsKey(field.MessageName!))
                {
                    throw new FormatException($"protobuf schema: {message.Name}.{field.JsonName} names message {field.MessageName}, which is not defined");
                }
            }
        }

        foreach (var (key, name) in _kinds)
        {
            if (!_messages.ContainsKey(name))
            {
                throw new FormatException($"protobuf schema: kind {key.ApiVersion} {key.Kind} names message {name}, which is not defined");
            }
        }
    }

    private static class DefaultHolder
    {
        public static readonly ProtoSchema Value = Load();

        private static ProtoSchema Load()
        {
            var assembly = typeof(ProtoSchema).Assembly;
            var texts = assembly.GetManifestResourceNames()
                .Where(n => n.Contains(".Protobuf.Schemas.", StringComparison.Ordinal) && n.EndsWith(".schema", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(n =>
                {
                    using var stream = assembly.GetManifestResourceStream(n)!;
                    using var reader = new StreamReader(stream);
                    return (n, reader.ReadToEnd());
                });
            return ProtoSchemaParser.Parse(texts);
        }
    }
}
