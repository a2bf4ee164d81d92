using System.Collections.Frozen;

namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>One message of the schema: its fields by number.</summary>
public sealed class ProtoMessage
{
    private readonly FrozenDictionary<int, ProtoField> _fields;

    public ProtoMessage(string name, IEnumerable<ProtoField> fields)
    {
        Name = name;
        Fields = [.. fields];
        _fields = Fields.ToFrozenDictionary(f => f.Number);
    }

    public string Name { get; }

    /// <summary>The fields in schema order.</summary>
    public IReadOnlyList<ProtoField> Fields { get; }

    public bool TryGetField(int number, out ProtoField field) => _fields.TryGetValue(number, out field!);
}
