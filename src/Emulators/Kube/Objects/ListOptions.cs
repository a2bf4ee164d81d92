using OrleansEci.Emulators.Kube.Selectors;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>metav1.ListOptions for lists and watches.</summary>
public sealed record ListOptions
{
    public static readonly ListOptions Everything = new();

    public LabelSelector LabelSelector { get; init; } = LabelSelector.Everything;

    public FieldSelector FieldSelector { get; init; } = FieldSelector.Everything;

    /// <summary>Page size; 0 means no limit.</summary>
    public int Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>"" or null: latest; "0": any; N: not older than N (or exactly N with <see cref="ResourceVersionMatch"/> Exact).</summary>
    public string? ResourceVersion { get; init; }

    public string? ResourceVersionMatch { get; init; }
}
