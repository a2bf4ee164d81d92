namespace OrleansEci.Eci.Wire;

/// <summary>Keeps a request property (a convenience or computed member) off the wire.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class WireIgnoreAttribute : Attribute;
