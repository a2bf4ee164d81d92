namespace OrleansEci.Emulators.Kube.Patching;

/// <summary>The strategic-merge-patch shape of one API type: its fields with patch strategies.</summary>
public sealed class PatchType
{
    private readonly Dictionary<string, PatchField> _fields = new(StringComparer.Ordinal);

    public PatchType(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public PatchField? Field(string name) => _fields.GetValueOrDefault(name);

    public PatchType With(string field, PatchField strategy)
    {
        _fields[field] = strategy;
        return this;
    }

    public PatchType With(string field, PatchType nested) => With(field, new PatchField(Type: nested));
}
