using k8s.Models;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// Decides a pod's route to ECI. The label routes of eci-on-kubernetes.md §3 (pod label
/// <c>alibabacloud.com/eci=true</c> or <c>eci=true</c>; namespace label <c>alibabacloud.com/eci=true</c>, <c>eci=true</c>
/// or <c>virtual-node-affinity-injection=enabled</c>) always apply, whatever the profile's selectors; the profile's
/// selectors add routes and effects. Precedence: the pod's own choice first (a virtual-node nodeSelector/nodeName, then
/// its ECI label, then its burst-resource annotation), then namespace labels and selectors. DaemonSet pods are never
/// routed: they are bound to their node by the DaemonSet controller and ECI cannot run them.
/// </summary>
public static class PodRouter
{
    public static PodRoute Route(V1Pod pod, IReadOnlyDictionary<string, string> namespaceLabels, EciProfile profile, AdmissionOptions options, string? burst)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        if (pod.Metadata?.OwnerReferences?.Any(o => o.Kind == "DaemonSet") == true)
        {
            return PodRoute.None;
        }

        IReadOnlyDictionary<string, string> podLabels = pod.Metadata?.Labels?.AsReadOnly() ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>();
        ProfileSelector[] matching = [.. profile.Selectors.Where(s => SelectorMatcher.Matches(s, podLabels, namespaceLabels))];
        (RouteMode mode, string why) = Decide(pod, podLabels, namespaceLabels, matching, options, burst);
        if (mode == RouteMode.None)
        {
            return PodRoute.None;
        }

        ProfileSelector[] effects = [.. profile.Selectors.Where(s => !s.Effect.IsEmpty && (!s.SchedulesToEci || matching.Contains(s)))];
        return new PodRoute(mode, why, effects);
    }

    private static (RouteMode Mode, string Why) Decide(
        V1Pod pod,
        IReadOnlyDictionary<string, string> podLabels,
        IReadOnlyDictionary<string, string> namespaceLabels,
        ProfileSelector[] matching,
        AdmissionOptions options,
        string? burst)
    {
        if (pod.Spec?.NodeSelector is { } nodeSelector
            && nodeSelector.TryGetValue(options.VirtualNodeLabelKey, out string? type) && type == options.VirtualNodeLabelValue)
        {
            return (RouteMode.Explicit, $"nodeSelector {options.VirtualNodeLabelKey}={type}");
        }

        if (pod.Spec?.NodeName is { Length: > 0 } nodeName && nodeName.StartsWith(options.VirtualNodeNamePrefix, StringComparison.Ordinal))
        {
            return (RouteMode.Explicit, $"nodeName {nodeName}");
        }

        if (DefaultSelectors.All.FirstOrDefault(s => s.ObjectLabels is not null && SelectorMatcher.Matches(s, podLabels, namespaceLabels)) is { } podLabel)
        {
            return (RouteMode.Required, $"pod label {Describe(podLabel.ObjectLabels!)}");
        }

        switch (burst)
        {
            case AdmissionOptions.BurstEciOnly:
                return (RouteMode.Required, $"annotation {AdmissionOptions.BurstResourceAnnotation}={burst}");
            case AdmissionOptions.BurstToEci:
                return (RouteMode.Preferred, $"annotation {AdmissionOptions.BurstResourceAnnotation}={burst}");
        }

        if (DefaultSelectors.All.FirstOrDefault(s => s.NamespaceLabels is not null && SelectorMatcher.Matches(s, podLabels, namespaceLabels)) is { } nsLabel)
        {
            return (RouteMode.Required, $"namespace label {Describe(nsLabel.NamespaceLabels!)}");
        }

        return matching.Length > 0 ? (RouteMode.Required, $"eci-profile selector \"{matching[0].Name}\"") : (RouteMode.None, "");
    }

    private static string Describe(IReadOnlyDictionary<string, string> labels) => string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"));
}
