using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// Taint and toleration matching, as k8s.io/api/core/v1 toleration.go ToleratesTaint and component-helpers
/// scheduling/corev1 taint helpers define it: an empty effect or key tolerates any; Exists ignores the value,
/// Equal (or no operator) compares it.
/// </summary>
public static class Tolerations
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    public static bool Tolerated(IEnumerable<V1Toleration>? tolerations, V1Taint taint) =>
        tolerations?.Any(t => Tolerates(t, taint)) == true;

    /// <summary>The first taint passing <paramref name="filter"/> that no toleration tolerates (FindMatchingUntoleratedTaint).</summary>
    public static V1Taint? FirstUntolerated(IEnumerable<V1Taint>? taints, IEnumerable<V1Toleration>? tolerations, Func<V1Taint, bool> filter) =>
        taints?.FirstOrDefault(t => filter(t) && !Tolerated(tolerations, t));

    /// <summary>How taints read in scheduler messages: <c>{key: value}</c>.</summary>
    public static string Describe(V1Taint taint) => $"{{{taint.Key}: {taint.Value}}}";
}
