using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

using Google.Protobuf;

namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>
/// Turns protobuf wire bytes into the JSON that Go's encoding/json writes for the same Kubernetes object, driven by a
/// <see cref="ProtoSchema"/>. Google.Protobuf reads the wire format; this class only maps fields to JSON, because no
/// maintained .NET package knows Kubernetes' Go-side conventions (zero values, Quantity, IntOrString, Time, inlined structs).
/// Unknown field numbers are skipped, as Go's generated Unmarshal skips them, and listed in <see cref="UnknownFields"/>.
/// </summary>
public sealed class ProtoJsonReader
{
    private readonly ProtoSchema _schema;
    private readonly List<string> _unknown = [];

    public ProtoJsonReader(ProtoSchema schema) => _schema = schema;

    /// <summary>Fields the schema does not know that were skipped, as <c>Message.field-number</c>.</summary>
    public IReadOnlyList<string> UnknownFields => _unknown;

    /// <summary>Decodes <paramref name="data"/> as <paramref name="message"/> into <paramref name="target"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid protobuf for the message.</exception>
    public void ReadInto(ReadOnlyMemory<byte> data, ProtoMessage message, JsonObject target)
    {
        try
        {
            Merge(data, message, target);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"proto: {message.Name}: {e.Message}", e);
        }
    }

    private void Merge(ReadOnlyMemory<byte> data, ProtoMessage message, JsonObject target)
    {
        var input = Open(data);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var wireType = WireFormat.GetTagWireType(tag);
            if (!message.TryGetField(number, out var field))
            {
                _unknown.Add($"{message.Name}.{number}");
                input.SkipLastField();
                continue;
            }

            if (field.Repeated && wireType == WireFormat.WireType.LengthDelimited && IsVarint(field.Type))
            {
                ReadPacked(input.ReadBytes().Memory, field, target);
                continue;
            }

            var expected = field.Type switch
            {
                ProtoValueType.Int32 or ProtoValueType.Int64 or ProtoValueType.Bool => WireFormat.WireType.Varint,
                ProtoValueType.Double => WireFormat.WireType.Fixed64,
                _ => WireFormat.WireType.LengthDelimited,
            };
            if (wireType != expected || (field.Map && wireType != WireFormat.WireType.LengthDelimited))
            {
                throw new InvalidDataException($"proto: wrong wireType = {(int)wireType} for field {message.Name}.{field.JsonName}");
            }

            if (field.Map)
            {
                ReadMapEntry(input.ReadBytes().Memory, message, field, target);
            }
            else if (field.Inline)
            {
                Merge(input.ReadBytes().Memory, _schema.Message(field.MessageName!), target);
            }
            else if (field.Type == ProtoValueType.Message)
            {
                ReadMessageField(input.ReadBytes().Memory, field, target);
            }
            else
            {
                var value = ReadValue(input, field);
                Store(target, field, value);
            }
        }
    }

    private void ReadMessageField(ReadOnlyMemory<byte> data, ProtoField field, JsonObject target)
    {
        var message = _schema.Message(field.MessageName!);
        if (field.Repeated)
        {
            var item = new JsonObject();
            Merge(data, message, item);
            Array(target, field.JsonName).Add(item);
            return;
        }

        // A singular message seen twice merges, as Go's generated Unmarshal does.
        if (target[field.JsonName] is not JsonObject existing)
        {
            existing = [];
            target[field.JsonName] = existing;
        }

        Merge(data, message, existing);
    }

    private void ReadMapEntry(ReadOnlyMemory<byte> data, ProtoMessage owner, ProtoField field, JsonObject target)
    {
        var input = Open(data);
        string key = "";
        JsonNode? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    key = input.ReadString();
                    break;
                case 2 when field.Type == ProtoValueType.Message:
                    var item = new JsonObject();
                    Merge(input.ReadBytes().Memory, _schema.Message(field.MessageName!), item);
                    value = item;
                    break;
                case 2:
                    value = ReadValue(input, field);
                    break;
                default:
                    throw new InvalidDataException($"proto: bad map entry for field {owner.Name}.{field.JsonName}");
            }
        }

        if (target[field.JsonName] is not JsonObject map)
        {
            map = [];
            target[field.JsonName] = map;
        }

        // Go's map fields keep the zero value of an entry ("" or empty bytes), unlike struct fields.
        map[key] = value ?? ZeroOf(field.Type);
    }

    private static void ReadPacked(ReadOnlyMemory<byte> data, ProtoField field, JsonObject target)
    {
        var input = Open(data);
        while (!input.IsAtEnd)
        {
            Array(target, field.JsonName).Add(ReadValue(input, field));
        }
    }

    private static JsonNode? ReadValue(CodedInputStream input, ProtoField field) => field.Type switch
    {
        ProtoValueType.String => input.ReadString(),
        ProtoValueType.Bytes => Convert.ToBase64String(input.ReadBytes().Span),
        ProtoValueType.Int32 => input.ReadInt32(),
        ProtoValueType.Int64 => input.ReadInt64(),
        ProtoValueType.Bool => input.ReadBool(),
        ProtoValueType.Double => input.ReadDouble(),
        ProtoValueType.Quantity => KubeScalars.Quantity(Open(input.ReadBytes().Memory)),
        ProtoValueType.IntOrString => KubeScalars.IntOrString(Open(input.ReadBytes().Memory)),
        ProtoValueType.Time => KubeScalars.Time(input.ReadBytes(), micro: false),
        ProtoValueType.MicroTime => KubeScalars.Time(input.ReadBytes(), micro: true),
        ProtoValueType.RawJson => KubeScalars.RawJson(Open(input.ReadBytes().Memory)),
        _ => throw new InvalidOperationException($"{field.Type} is not a scalar"),
    };

    /// <summary>Stores a scalar as Go's encoding/json would write the same struct field: zero values only where kept.</summary>
    private static void Store(JsonObject target, ProtoField field, JsonNode? value)
    {
        if (field.Repeated)
        {
            Array(target, field.JsonName).Add(value);
            return;
        }

        if (value is null || (!field.KeepZero && IsZero(value)))
        {
            target.Remove(field.JsonName);
            return;
        }

        target[field.JsonName] = value;
    }

    private static bool IsZero(JsonNode value) => value is JsonValue v && (
        (v.TryGetValue<string>(out var text) && text.Length == 0)
        || (v.TryGetValue<bool>(out var flag) && !flag)
        || (v.TryGetValue<int>(out var int32) && int32 == 0)
        || (v.TryGetValue<long>(out var int64) && int64 == 0)
        || (v.TryGetValue<double>(out var real) && real == 0));

    private static JsonNode? ZeroOf(ProtoValueType type) => type switch
    {
        ProtoValueType.String or ProtoValueType.Bytes => "",
        ProtoValueType.Int32 or ProtoValueType.Int64 or ProtoValueType.Double => 0,
        ProtoValueType.Bool => false,
        ProtoValueType.Quantity => "0",
        _ => null,
    };

    private static bool IsVarint(ProtoValueType type) => type is ProtoValueType.Int32 or ProtoValueType.Int64 or ProtoValueType.Bool;

    private static JsonArray Array(JsonObject target, string name)
    {
        if (target[name] is not JsonArray array)
        {
            array = [];
            target[name] = array;
        }

        return array;
    }

    internal static CodedInputStream Open(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment)
            ? new CodedInputStream(segment.Array!, segment.Offset, segment.Count)
            : new CodedInputStream(data.ToArray());
}
