namespace OrleansEci.Profiles;

/// <summary>
/// One entry of the eci-profile <c>selectors</c> array (eci-on-kubernetes.md §4). Labels within one matchLabels are
/// ANDed; when both selectors are given both must match. A selector with a namespace or object selector schedules the
/// pods it matches to ECI; one with neither applies its <see cref="Effect"/> to every pod that goes to ECI.
/// </summary>
/// <param name="Name">Unique within the profile; a DNS label, so it can name the mirrored webhook.</param>
/// <param name="NamespaceLabels">The namespace's required labels (<c>namespaceSelector.matchLabels</c>), or null.</param>
/// <param name="ObjectLabels">The pod's required labels (<c>objectSelector.matchLabels</c>), or null.</param>
/// <param name="Effect">Annotations and labels added to matching pods.</param>
public sealed record ProfileSelector(
    string Name,
    IReadOnlyDictionary<string, string>? NamespaceLabels,
    IReadOnlyDictionary<string, string>? ObjectLabels,
    SelectorEffect Effect)
{
    /// <summary>True when the selector routes the pods it matches to ECI (it has a namespace or object selector).</summary>
    public bool SchedulesToEci => NamespaceLabels is not null || ObjectLabels is not null;
}
