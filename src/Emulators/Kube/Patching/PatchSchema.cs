namespace OrleansEci.Emulators.Kube.Patching;

/// <summary>
/// The patchStrategy/patchMergeKey struct tags of the built-in kinds, transcribed from k8s.io/api (core/v1/types.go,
/// apps/v1/types.go, batch/v1/types.go, meta/v1/types.go, admissionregistration/v1/types.go:
/// https://github.com/kubernetes/api). Lists without a tag (tolerations, containerStatuses, taints) are atomic in the
/// real server and are replaced here too. Kinds not listed merge maps and replace lists, as JSON merge patch would.
/// </summary>
public static class PatchSchema
{
    private static readonly Dictionary<string, PatchType> Kinds = Build();

    /// <summary>The schema of a kind, or null (maps merge, lists replace).</summary>
    public static PatchType? ForKind(string kind) => Kinds.GetValueOrDefault(kind);

    private static Dictionary<string, PatchType> Build()
    {
        var objectMeta = new PatchType("ObjectMeta")
            .With("finalizers", new PatchField(MergePrimitives: true))
            .With("ownerReferences", new PatchField("uid"));
        var container = new PatchType("Container")
            .With("ports", new PatchField("containerPort"))
            .With("env", new PatchField("name"))
            .With("volumeMounts", new PatchField("mountPath"))
            .With("volumeDevices", new PatchField("devicePath"));
        var podSpec = new PatchType("PodSpec")
            .With("volumes", new PatchField("name"))
            .With("initContainers", new PatchField("name", Type: container))
            .With("containers", new PatchField("name", Type: container))
            .With("ephemeralContainers", new PatchField("name", Type: container))
            .With("imagePullSecrets", new PatchField("name"))
            .With("hostAliases", new PatchField("ip"))
            .With("topologySpreadConstraints", new PatchField("topologyKey"))
            .With("schedulingGates", new PatchField("name"))
            .With("resourceClaims", new PatchField("name"));
        var podStatus = new PatchType("PodStatus")
            .With("conditions", new PatchField("type"))
            .With("podIPs", new PatchField("ip"))
            .With("hostIPs", new PatchField("ip"));
        var template = new PatchType("PodTemplateSpec").With("metadata", objectMeta).With("spec", podSpec);
        var conditions = new PatchType("Status").With("conditions", new PatchField("type"));
        var withTemplate = new PatchType("WorkloadSpec").With("template", template);

        PatchType Kind(string name) => new PatchType(name).With("metadata", objectMeta);
        return new Dictionary<string, PatchType>(StringComparer.Ordinal)
        {
            ["Pod"] = Kind("Pod").With("spec", podSpec).With("status", podStatus),
            ["PodTemplate"] = Kind("PodTemplate").With("template", template),
            ["Node"] = Kind("Node")
                .With("spec", new PatchType("NodeSpec").With("podCIDRs", new PatchField(MergePrimitives: true)))
                .With("status", new PatchType("NodeStatus").With("conditions", new PatchField("type")).With("addresses", new PatchField("type"))),
            ["Namespace"] = Kind("Namespace").With("status", conditions),
            ["Service"] = Kind("Service").With("spec", new PatchType("ServiceSpec").With("ports", new PatchField("port"))),
            ["ServiceAccount"] = Kind("ServiceAccount").With("secrets", new PatchField("name")).With("imagePullSecrets", new PatchField("name")),
            ["Deployment"] = Kind("Deployment").With("spec", withTemplate).With("status", conditions),
            ["ReplicaSet"] = Kind("ReplicaSet").With("spec", withTemplate).With("status", conditions),
            ["Job"] = Kind("Job").With("spec", withTemplate).With("status", conditions),
            ["MutatingWebhookConfiguration"] = Kind("MutatingWebhookConfiguration").With("webhooks", new PatchField("name")),
            ["ConfigMap"] = Kind("ConfigMap"),
            ["Secret"] = Kind("Secret"),
            ["Event"] = Kind("Event"),
            ["Lease"] = Kind("Lease"),
        };
    }
}
