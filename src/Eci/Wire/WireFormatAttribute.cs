namespace OrleansEci.Eci.Wire;

/// <summary>Chooses a non-default encoding for a list-valued request property.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class WireFormatAttribute(WireFormat format) : Attribute
{
    /// <summary>The encoding.</summary>
    public WireFormat Format { get; } = format;
}
