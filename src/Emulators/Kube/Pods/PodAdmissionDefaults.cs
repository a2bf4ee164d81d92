using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// What kube-apiserver's built-in admission plugins and pod defaulting add to a new pod (not to templates):
/// SetDefaults_Pod (enableServiceLinks; requests copied from limits), ServiceAccount (serviceAccountName "default"),
/// Priority (priority 0, preemptionPolicy PreemptLowerPriority) and DefaultTolerationSeconds (not-ready and
/// unreachable NoExecute tolerations for 300 s).
/// Sources: https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/v1/defaults.go,
/// plugin/pkg/admission/serviceaccount/admission.go, plugin/pkg/admission/priority/admission.go,
/// plugin/pkg/admission/defaulttolerationseconds/admission.go. The service account's token volume is not mounted.
/// </summary>
public static class PodAdmissionDefaults
{
    public const long DefaultTolerationSeconds = 300;

    public static void Apply(JsonObject spec)
    {
        spec["enableServiceLinks"] ??= true;
        var account = KubeJson.GetString(spec, "serviceAccountName") is { Length: > 0 } name ? name
            : KubeJson.GetString(spec, "serviceAccount") is { Length: > 0 } legacy ? legacy : "default";
        spec["serviceAccountName"] = account;
        spec["serviceAccount"] = account;
        if (string.IsNullOrEmpty(KubeJson.GetString(spec, "priorityClassName")))
        {
            spec["priority"] ??= 0;
        }

        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
        AddToleration(spec, "node.kubernetes.io/not-ready");
        AddToleration(spec, "node.kubernetes.io/unreachable");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var resources in (spec[list] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["resources"]).OfType<JsonObject>())
            {
                CopyLimitsToRequests(resources);
            }
        }
    }

    private static void AddToleration(JsonObject spec, string key)
    {
        var tolerations = spec["tolerations"] as JsonArray;
        var tolerated = tolerations?.OfType<JsonObject>().Any(t =>
            (KubeJson.GetString(t, "effect") is null or "" or "NoExecute")
            && (KubeJson.GetString(t, "key") is null or "" || KubeJson.GetString(t, "key") == key)) ?? false;
        if (tolerated)
        {
            return;
        }

        if (tolerations is null)
        {
            tolerations = [];
            spec["tolerations"] = tolerations;
        }

        tolerations.Add(new JsonObject
        {
            ["key"] = key,
            ["operator"] = "Exists",
            ["effect"] = "NoExecute",
            ["tolerationSeconds"] = DefaultTolerationSeconds,
        });
    }

    private static void CopyLimitsToRequests(JsonObject resources)
    {
        if (resources["limits"] is not JsonObject limits)
        {
            return;
        }

        var requests = KubeJson.GetOrAddObject(resources, "requests");
        foreach (var (name, value) in limits)
        {
            requests[name] ??= value?.DeepClone();
        }
    }
}
