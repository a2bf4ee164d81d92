using k8s.Models;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// The webhook's decision for one pod being created, as a value: which route sends it to ECI (<see cref="PodRouter"/>),
/// whether ECI can run it (<see cref="EciPodChecks"/>), and the patch that steers it there and adds the profile's
/// effects. Pure: the namespace's labels and the profile come in as values.
/// </summary>
public static class PodMutator
{
    public static AdmissionDecision Decide(V1Pod pod, string namespaceName, IReadOnlyDictionary<string, string> namespaceLabels, EciProfile profile, AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(options);
        if (pod.Metadata is null || pod.Spec is null)
        {
            return new Deny($"The pod in namespace {namespaceName} has no {(pod.Metadata is null ? "metadata" : "spec")}.", 400);
        }

        string podRef = $"{namespaceName}/{PodName(pod.Metadata)}";
        string? burst = null;
        if (pod.Metadata.Annotations?.TryGetValue(AdmissionOptions.BurstResourceAnnotation, out string? value) == true)
        {
            burst = value;
            if (burst is not (AdmissionOptions.BurstToEci or AdmissionOptions.BurstEciOnly))
            {
                return new Deny($"Pod {podRef} has annotation {AdmissionOptions.BurstResourceAnnotation}: \"{burst}\"; expected \"{AdmissionOptions.BurstToEci}\" (ECI when regular nodes lack resources) or \"{AdmissionOptions.BurstEciOnly}\" (only ECI).");
            }
        }

        PodRoute route = PodRouter.Route(pod, namespaceLabels, profile, options, burst);
        if (route.Mode == RouteMode.None)
        {
            return Allow.Unchanged;
        }

        IReadOnlyList<string> problems = EciPodChecks.Problems(pod);
        if (problems.Count > 0)
        {
            string why = $"Pod {podRef} is routed to ECI ({route.Why}), but ECI cannot run it: {string.Join("; ", problems)}.";
            return route.Mode == RouteMode.Preferred
                ? new Allow([$"{why} It was left to the regular nodes and will not burst to ECI."])
                : new Deny(why);
        }

        var patch = new PodPatchBuilder(pod, options);
        switch (route.Mode)
        {
            case RouteMode.Required when patch.RequireVirtualNode() is { } conflict:
                return new Deny($"Pod {podRef} is routed to ECI ({route.Why}), but {conflict}.");
            case RouteMode.Required:
                patch.TolerateVirtualNodes();
                break;
            case RouteMode.Preferred:
                patch.PreferRegularNodes();
                patch.TolerateVirtualNodes();
                break;
        }

        patch.ApplyEffects(route.Effects);
        return patch.Operations.Count == 0 ? Allow.Unchanged : new Patch(patch.Operations, route.Why, []);
    }

    private static string PodName(V1ObjectMeta metadata) =>
        metadata.Name is { Length: > 0 } name ? name : $"{metadata.GenerateName}<generated>";
}
