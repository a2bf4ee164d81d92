namespace OrleansEci.Eci.ContainerGroups;

/// <summary>An environment value's source, <c>ValueFrom.FieldRef</c>.</summary>
public sealed record EnvironmentVariableSource
{
    /// <summary>The pod field.</summary>
    public FieldReference? FieldRef { get; init; }
}
