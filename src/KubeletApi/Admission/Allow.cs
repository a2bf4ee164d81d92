namespace OrleansEci.KubeletApi.Admission;

/// <summary>The pod is admitted unchanged.</summary>
public sealed record Allow(IReadOnlyList<string> Warnings) : AdmissionDecision(Warnings)
{
    /// <summary>Admitted unchanged, without warnings.</summary>
    public static Allow Unchanged { get; } = new([]);
}
