using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// Matches eci-profile selectors against a pod's and its namespace's labels, with Kubernetes' matchLabels semantics:
/// every given label must be present with the same value (ANDed); with both selectors, both must match.
/// </summary>
public static class SelectorMatcher
{
    /// <summary>True when <paramref name="required"/> labels are all in <paramref name="labels"/> with the same values.</summary>
    public static bool MatchLabels(IReadOnlyDictionary<string, string> required, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(labels);
        foreach ((string key, string value) in required)
        {
            if (!labels.TryGetValue(key, out string? actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the selector schedules to ECI and matches: its namespace selector (if any) matches the namespace's
    /// labels and its object selector (if any) matches the pod's. A selector with neither never matches here; its
    /// effect applies to every pod that goes to ECI.
    /// </summary>
    public static bool Matches(ProfileSelector selector, IReadOnlyDictionary<string, string> podLabels, IReadOnlyDictionary<string, string> namespaceLabels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return selector.SchedulesToEci
            && (selector.NamespaceLabels is null || MatchLabels(selector.NamespaceLabels, namespaceLabels))
            && (selector.ObjectLabels is null || MatchLabels(selector.ObjectLabels, podLabels));
    }
}
