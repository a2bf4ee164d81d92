namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>EnvironmentVar.N.{Key, Value, FieldRef.FieldPath}</c>.</summary>
public sealed record EnvironmentVariable
{
    /// <summary>1–128 characters of <c>[A-Za-z0-9_]</c>, not starting with a digit.</summary>
    public required string Key { get; init; }

    /// <summary>The value (≤ 256 characters); leave null when <see cref="FieldRef"/> is used.</summary>
    public string? Value { get; init; }

    /// <summary>Takes the value from a pod field instead.</summary>
    public FieldReference? FieldRef { get; init; }
}
