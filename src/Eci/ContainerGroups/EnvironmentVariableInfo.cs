namespace OrleansEci.Eci.ContainerGroups;

/// <summary>An environment variable as ECI returns it: <c>{Key, Value, ValueFrom.FieldRef.FieldPath}</c>.</summary>
public sealed record EnvironmentVariableInfo
{
    /// <summary>The name.</summary>
    public string? Key { get; init; }

    /// <summary>The value.</summary>
    public string? Value { get; init; }

    /// <summary>Where the value comes from.</summary>
    public EnvironmentVariableSource? ValueFrom { get; init; }
}
