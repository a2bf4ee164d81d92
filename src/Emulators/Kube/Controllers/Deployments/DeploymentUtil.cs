using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using k8s;
using k8s.Models;


namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

/// <summary>
/// The arithmetic and bookkeeping of pkg/controller/deployment/util/deployment_util.go: surge and unavailability
/// budgets, replica counts over ReplicaSets, revision annotations, the pod-template-hash and template equality.
/// </summary>
internal static class DeploymentUtil
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
    public const string HashLabel = "pod-template-hash";
    private const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Annotations a ReplicaSet does not inherit from its Deployment.</summary>
    public static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration", RevisionAnnotation, RevisionHistoryAnnotation,
        DesiredReplicasAnnotation, MaxReplicasAnnotation, "deprecated.deployment.rollback.to",
    };

    public static int Replicas(V1Deployment d) => d.Spec.Replicas ?? 1;

    public static int Replicas(V1ReplicaSet? rs) => rs?.Spec.Replicas ?? 0;

    public static bool IsRollingUpdate(V1Deployment d) => (d.Spec.Strategy?.Type ?? "RollingUpdate") == "RollingUpdate";

    /// <summary>ResolveFenceposts: surge rounds up, unavailable rounds down; both zero means one unavailable.</summary>
    public static (int Surge, int Unavailable) Fenceposts(V1Deployment d)
    {
        var desired = Replicas(d);
        var rolling = d.Spec.Strategy?.RollingUpdate;
        var surge = Scaled(rolling?.MaxSurge?.Value ?? "25%", desired, roundUp: true);
        var unavailable = Scaled(rolling?.MaxUnavailable?.Value ?? "25%", desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    public static int MaxSurge(V1Deployment d) => IsRollingUpdate(d) ? Fenceposts(d).Surge : 0;

    public static int MaxUnavailable(V1Deployment d) =>
        !IsRollingUpdate(d) || Replicas(d) == 0 ? 0 : Math.Min(Fenceposts(d).Unavailable, Replicas(d));

    /// <summary>intstr.GetScaledValueFromIntOrPercent.</summary>
    public static int Scaled(string value, int total, bool roundUp)
    {
        if (!value.EndsWith('%'))
        {
            return int.Parse(value, CultureInfo.InvariantCulture);
        }

        var percent = double.Parse(value[..^1], CultureInfo.InvariantCulture) * total / 100;
        return (int)(roundUp ? Math.Ceiling(percent) : Math.Floor(percent));
    }

    public static int SpecReplicas(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(Replicas);

    public static int StatusReplicas(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.Replicas ?? 0);

    public static int ReadyReplicas(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.ReadyReplicas ?? 0);

    public static int AvailableReplicas(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.AvailableReplicas ?? 0);

    public static long Revision(V1ReplicaSet rs) =>
        rs.Metadata.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    public static int? IntAnnotation(V1ReplicaSet rs, string name) =>
        rs.Metadata.Annotations?.TryGetValue(name, out var text) == true
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>NewRSNewReplicas: how big the new ReplicaSet may grow now.</summary>
    public static int NewReplicaSetReplicas(V1Deployment d, IEnumerable<V1ReplicaSet?> all, V1ReplicaSet? newRs)
    {
        if (!IsRollingUpdate(d))
        {
            return Replicas(d);
        }

        var current = SpecReplicas(all);
        var maxTotal = Replicas(d) + MaxSurge(d);
        if (current >= maxTotal)
        {
            return Replicas(newRs);
        }

        return Replicas(newRs) + Math.Min(maxTotal - current, Replicas(d) - Replicas(newRs));
    }

    /// <summary>IsSaturated: the new ReplicaSet has every desired replica, all of them available.</summary>
    public static bool IsSaturated(V1Deployment d, V1ReplicaSet? rs) =>
        rs is not null && IntAnnotation(rs, DesiredReplicasAnnotation) == Replicas(d)
        && Replicas(rs) == Replicas(d) && (rs.Status?.AvailableReplicas ?? 0) == Replicas(d);

    /// <summary>ComputeHash: FNV-1a over the template (canonical JSON) and the collision count, as a safe-encoded decimal.</summary>
    public static string PodTemplateHash(JsonObject template, int? collisionCount)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Canonical(template)!.ToJsonString()));
        if (collisionCount is { } count)
        {
            bytes.AddRange(BitConverter.GetBytes((ulong)(uint)count));
        }

        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(c => Alphanumerics[c % Alphanumerics.Length]));
    }

    /// <summary>A template as JSON (typed models round-trip, so both sides of a comparison read alike).</summary>
    public static JsonObject Json(V1PodTemplateSpec? template) =>
        template is null ? [] : JsonNode.Parse(KubernetesJson.Serialize(template)) as JsonObject ?? [];

    /// <summary>EqualIgnoreHash: the templates are equal once the pod-template-hash label is set aside.</summary>
    public static bool SameTemplate(JsonObject? a, JsonObject? b) =>
        JsonNode.DeepEquals(Canonical(WithoutHash(a)), Canonical(WithoutHash(b)));

    private static JsonObject WithoutHash(JsonObject? template)
    {
        var copy = template?.DeepClone() as JsonObject ?? [];
        if ((copy["metadata"] as JsonObject)?["labels"] is JsonObject labels)
        {
            labels.Remove(HashLabel);
            if (labels.Count == 0)
            {
                ((JsonObject)copy["metadata"]!).Remove("labels");
            }
        }

        if (copy["metadata"] is JsonObject { Count: 0 })
        {
            copy.Remove("metadata");
        }

        return copy;
    }

    /// <summary>A copy with object keys sorted, so equal objects serialize and compare alike whatever their key order.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        null => null,
        _ => node.DeepClone(),
    };
}
