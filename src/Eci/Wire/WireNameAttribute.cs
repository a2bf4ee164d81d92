namespace OrleansEci.Eci.Wire;

/// <summary>
/// The ECI parameter name of a request property when it differs from the C# name
/// (for example the list <c>Containers</c> is sent as <c>Container.N</c>, and <c>HostAliases</c>
/// as ECI's singular <c>HostAliase.N</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class WireNameAttribute(string name) : Attribute
{
    /// <summary>The parameter name on the wire.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// When true, the members of this (object-valued) property are appended to <see cref="Name"/>
    /// without a dot. ECI spells container lifecycle hooks flat
    /// (<c>Container.1.LifecyclePreStopHandlerHttpGetPort</c>) while probes are nested
    /// (<c>Container.1.ReadinessProbe.HttpGet.Port</c>); see eci-openapi.md §3.1.
    /// </summary>
    public bool Concatenate { get; init; }
}
