using System.Globalization;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// Node selection by labels and fields, as k8s.io/component-helpers/scheduling/corev1/nodeaffinity does: the pod's
/// <c>nodeSelector</c> (every pair) and required node affinity (any term; within a term every matchExpression on labels
/// and every matchField on <c>metadata.name</c>; an empty term matches nothing), and the summed weights of the
/// preferred terms that match.
/// </summary>
internal static class NodeAffinity
{
    public static bool MatchesRequired(V1PodSpec spec, V1Node node)
    {
        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        foreach (var (key, value) in spec.NodeSelector ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        var required = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return required is null || required.NodeSelectorTerms?.Any(t => TermMatches(t, node)) == true;
    }

    public static long PreferredScore(V1PodSpec spec, V1Node node) =>
        spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution?
            .Where(p => p.Weight != 0 && p.Preference is not null && TermMatches(p.Preference, node))
            .Sum(p => (long)p.Weight) ?? 0;

    private static bool TermMatches(V1NodeSelectorTerm term, V1Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        return expressions.All(r => Matches(r, labels.TryGetValue(r.Key, out var v) ? v : null))
            && fields.All(r => r.Key == "metadata.name" && r.OperatorProperty is "In" or "NotIn" && Matches(r, node.Metadata?.Name));
    }

    private static bool Matches(V1NodeSelectorRequirement requirement, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => Compare(value, values) is > 0,
            "Lt" => Compare(value, values) is < 0,
            _ => false,
        };
    }

    private static int? Compare(string? value, IList<string> values) =>
        value is not null && values.Count == 1
        && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
        && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
            ? actual.CompareTo(bound)
            : null;
}
