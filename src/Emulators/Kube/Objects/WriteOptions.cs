using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>The options of create, update and patch (the query parameters <c>dryRun</c>, <c>fieldManager</c>, <c>fieldValidation</c>).</summary>
public sealed record WriteOptions
{
    public static readonly WriteOptions Default = new();

    /// <summary><c>dryRun=All</c>: validate and admit, but do not store.</summary>
    public bool DryRun { get; init; }

    public string? FieldManager { get; init; }

    /// <summary>Unknown fields: Warn by default, as kube-apiserver ≥1.27.</summary>
    public FieldValidationMode FieldValidation { get; init; } = FieldValidationMode.Warn;
}
