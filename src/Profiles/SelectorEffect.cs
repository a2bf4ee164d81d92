namespace OrleansEci.Profiles;

/// <summary>
/// What a selector adds to the pods it matches: annotations and labels, never overwriting what a pod already has
/// (eci-on-kubernetes.md §4). Both maps keep the order the profile gave.
/// </summary>
public sealed record SelectorEffect(IReadOnlyDictionary<string, string> Annotations, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>No annotations and no labels.</summary>
    public static SelectorEffect None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>True when the effect adds nothing.</summary>
    public bool IsEmpty => Annotations.Count == 0 && Labels.Count == 0;
}
