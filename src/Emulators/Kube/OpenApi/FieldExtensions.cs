using System.Collections.Frozen;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// The list and patch markers of the fields of the kinds this server registers, transcribed from k8s.io/api
/// (core/v1/types.go, apps/v1/types.go, batch/v1/types.go, admissionregistration/v1/types.go and apimachinery
/// meta/v1/types.go: https://github.com/kubernetes/api). <c>kubectl apply</c> computes its strategic merge patch
/// from these, so every list marked mergeable here must merge by the same key in the server's own patcher
/// (<see cref="Patching.PatchSchema"/>); a test checks that. Fields not listed get no marker.
/// </summary>
public static class FieldExtensions
{
    private static readonly FrozenDictionary<(Type, string), FieldExtension> Table = Build().ToFrozenDictionary();

    public static FieldExtension? For(Type model, string field) => Table.GetValueOrDefault((model, field));

    /// <summary>Every entry, for tests.</summary>
    public static IEnumerable<KeyValuePair<(Type Model, string Field), FieldExtension>> All => Table;

    private static Dictionary<(Type, string), FieldExtension> Build()
    {
        var table = new Dictionary<(Type, string), FieldExtension>
        {
            [(typeof(V1ObjectMeta), "finalizers")] = FieldExtension.MergeSet,
            [(typeof(V1ObjectMeta), "ownerReferences")] = FieldExtension.MergeBy("uid"),
            [(typeof(V1ObjectMeta), "managedFields")] = FieldExtension.Atomic,
            [(typeof(V1LabelSelector), "matchExpressions")] = FieldExtension.Atomic,
            [(typeof(V1PodSpec), "volumes")] = FieldExtension.MergeRetainingKeys("name"),
            [(typeof(V1PodSpec), "initContainers")] = FieldExtension.MergeBy("name"),
            [(typeof(V1PodSpec), "containers")] = FieldExtension.MergeBy("name"),
            [(typeof(V1PodSpec), "ephemeralContainers")] = FieldExtension.MergeBy("name"),
            [(typeof(V1PodSpec), "imagePullSecrets")] = FieldExtension.MergeBy("name"),
            [(typeof(V1PodSpec), "hostAliases")] = FieldExtension.MergeBy("ip"),
            [(typeof(V1PodSpec), "topologySpreadConstraints")] = FieldExtension.MergeBy("topologyKey", ["topologyKey", "whenUnsatisfiable"]),
            [(typeof(V1PodSpec), "schedulingGates")] = FieldExtension.MergeBy("name"),
            [(typeof(V1PodSpec), "resourceClaims")] = FieldExtension.MergeRetainingKeys("name"),
            [(typeof(V1PodSpec), "tolerations")] = FieldExtension.Atomic,
            [(typeof(V1PodSpec), "readinessGates")] = FieldExtension.Atomic,
            [(typeof(V1PodSpec), "nodeSelector")] = FieldExtension.AtomicMap,
            [(typeof(V1PodStatus), "conditions")] = FieldExtension.MergeBy("type"),
            [(typeof(V1PodStatus), "podIPs")] = FieldExtension.MergeBy("ip"),
            [(typeof(V1PodStatus), "hostIPs")] = FieldExtension.MergeBy("ip"),
            [(typeof(V1PodStatus), "containerStatuses")] = FieldExtension.Atomic,
            [(typeof(V1PodStatus), "initContainerStatuses")] = FieldExtension.Atomic,
            [(typeof(V1PodStatus), "ephemeralContainerStatuses")] = FieldExtension.Atomic,
            [(typeof(V1NodeSpec), "podCIDRs")] = FieldExtension.MergeSet,
            [(typeof(V1NodeSpec), "taints")] = FieldExtension.Atomic,
            [(typeof(V1NodeStatus), "conditions")] = FieldExtension.MergeBy("type"),
            [(typeof(V1NodeStatus), "addresses")] = FieldExtension.MergeBy("type"),
            [(typeof(V1NodeStatus), "images")] = FieldExtension.Atomic,
            [(typeof(V1NodeStatus), "volumesInUse")] = FieldExtension.Atomic,
            [(typeof(V1NodeStatus), "volumesAttached")] = FieldExtension.Atomic,
            [(typeof(V1NamespaceStatus), "conditions")] = FieldExtension.MergeBy("type"),
            [(typeof(V1ServiceSpec), "ports")] = FieldExtension.MergeBy("port", ["port", "protocol"]),
            [(typeof(V1ServiceSpec), "clusterIPs")] = FieldExtension.Atomic,
            [(typeof(V1ServiceSpec), "externalIPs")] = FieldExtension.Atomic,
            [(typeof(V1ServiceSpec), "ipFamilies")] = FieldExtension.Atomic,
            [(typeof(V1ServiceSpec), "loadBalancerSourceRanges")] = FieldExtension.Atomic,
            [(typeof(V1ServiceSpec), "selector")] = FieldExtension.AtomicMap,
            [(typeof(V1ServiceStatus), "conditions")] = FieldExtension.MergeBy("type"),
            [(typeof(V1ServiceAccount), "secrets")] = FieldExtension.MergeBy("name"),
            [(typeof(V1ServiceAccount), "imagePullSecrets")] = FieldExtension.Atomic,
            [(typeof(V1DeploymentStatus), "conditions")] = FieldExtension.MergeBy("type"),
            [(typeof(V1ReplicaSetStatus), "conditions")] = FieldExtension.MergeBy("type"),
            [(typeof(V1JobStatus), "conditions")] = new("merge", "type", "atomic"),
            [(typeof(V1MutatingWebhookConfiguration), "webhooks")] = FieldExtension.MergeBy("name"),
            [(typeof(V1MutatingWebhook), "matchConditions")] = FieldExtension.MergeBy("name"),
            [(typeof(V1MutatingWebhook), "rules")] = FieldExtension.Atomic,
            [(typeof(V1MutatingWebhook), "admissionReviewVersions")] = FieldExtension.Atomic,
        };

        // Containers and ephemeral containers share their list fields (EphemeralContainerCommon mirrors Container).
        foreach (var container in new[] { typeof(V1Container), typeof(V1EphemeralContainer) })
        {
            table[(container, "ports")] = FieldExtension.MergeBy("containerPort", ["containerPort", "protocol"]);
            table[(container, "env")] = FieldExtension.MergeBy("name");
            table[(container, "volumeMounts")] = FieldExtension.MergeBy("mountPath");
            table[(container, "volumeDevices")] = FieldExtension.MergeBy("devicePath");
            table[(container, "envFrom")] = FieldExtension.Atomic;
            table[(container, "command")] = FieldExtension.Atomic;
            table[(container, "args")] = FieldExtension.Atomic;
            table[(container, "resizePolicy")] = FieldExtension.Atomic;
        }

        return table;
    }
}
