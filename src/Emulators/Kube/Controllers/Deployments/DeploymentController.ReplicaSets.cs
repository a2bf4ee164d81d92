using System.Globalization;
using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) and the old ones.</summary>
    private async Task<RolloutSets> ReplicaSetsAndSyncRevisionAsync(V1Deployment d, List<V1ReplicaSet> sets, bool create, CancellationToken cancellationToken)
    {
        var template = DeploymentUtil.Json(d.Spec.Template);
        var existing = sets.FirstOrDefault(rs => DeploymentUtil.SameTemplate(DeploymentUtil.Json(rs.Spec.Template), template));
        var old = sets.Where(rs => !ReferenceEquals(rs, existing)).ToList();
        var revision = (old.Select(DeploymentUtil.Revision).DefaultIfEmpty(0).Max() + 1).ToString(CultureInfo.InvariantCulture);
        var newSet = existing is not null
            ? await SyncExistingNewAsync(d, existing, revision, cancellationToken).ConfigureAwait(false)
            : create ? await CreateNewAsync(d, old, revision, template, cancellationToken).ConfigureAwait(false) : null;
        return new RolloutSets(newSet, old);
    }

    private async Task<V1ReplicaSet> SyncExistingNewAsync(V1Deployment d, V1ReplicaSet existing, string revision, CancellationToken cancellationToken)
    {
        var minReady = d.Spec.MinReadySeconds ?? 0;
        var changed = await UpdateReplicaSetAsync(existing, rs =>
        {
            var annotationsChanged = SetNewReplicaSetAnnotations(d, rs, revision, exists: true);
            var spec = KubeJson.GetOrAddObject(rs, "spec");
            var minReadyChanged = (KubeJson.GetInt64(spec["minReadySeconds"]) ?? 0) != minReady;
            if (minReadyChanged)
            {
                spec["minReadySeconds"] = minReady;
            }

            return annotationsChanged || minReadyChanged;
        }, cancellationToken).ConfigureAwait(false);
        if (changed is not null)
        {
            return changed;
        }

        var current = (existing.Metadata.Annotations?.TryGetValue(DeploymentUtil.RevisionAnnotation, out var r) == true ? r : null);
        await SetDeploymentRevisionAsync(d, current, cancellationToken).ConfigureAwait(false);
        if (DeploymentConditions.HasProgressDeadline(d) && DeploymentConditions.Get(d.Status, DeploymentConditions.Progressing) is null)
        {
            d.Status ??= new V1DeploymentStatus();
            DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.FoundNewReplicaSet,
                $"Found new replica set \"{existing.Metadata.Name}\"", Timestamp));
            await WriteStatusAsync(d, cancellationToken).ConfigureAwait(false);
        }

        return existing;
    }

    private async Task<V1ReplicaSet?> CreateNewAsync(V1Deployment d, List<V1ReplicaSet> old, string revision, JsonObject template, CancellationToken cancellationToken)
    {
        var hash = DeploymentUtil.PodTemplateHash(template, d.Status?.CollisionCount);
        var labels = KubeJson.GetOrAddObject(KubeJson.GetOrAddObject(template, "metadata"), "labels");
        labels[DeploymentUtil.HashLabel] = hash;
        var selector = JsonNode.Parse(k8s.KubernetesJson.Serialize(d.Spec.Selector)) as JsonObject ?? [];
        KubeJson.GetOrAddObject(selector, "matchLabels")[DeploymentUtil.HashLabel] = hash;
        var replicas = DeploymentUtil.NewReplicaSetReplicas(d, old, null);
        var rs = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{d.Metadata.Name}-{hash}",
                ["namespace"] = d.Metadata.NamespaceProperty,
                ["labels"] = labels.DeepClone(),
                ["ownerReferences"] = new JsonArray(OwnerReferences.ControllerRef(d)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["minReadySeconds"] = d.Spec.MinReadySeconds ?? 0,
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        SetNewReplicaSetAnnotations(d, rs, revision, exists: false);

        V1ReplicaSet created;
        var alreadyExists = false;
        try
        {
            created = Typed.Read<V1ReplicaSet>((await Service.CreateAsync(_replicaSets, d.Metadata.NamespaceProperty, rs, WriteOptions.Default, cancellationToken)
                .ConfigureAwait(false)).Object);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            var found = Service.Find(_replicaSets, d.Metadata.NamespaceProperty, Meta.Name(rs)!) is { } stored ? Typed.Read<V1ReplicaSet>(stored) : null;
            if (found is null || !OwnerReferences.IsControlledBy(found.Metadata, d.Metadata.Uid)
                || !DeploymentUtil.SameTemplate(DeploymentUtil.Json(found.Spec.Template), DeploymentUtil.Json(d.Spec.Template)))
            {
                // A hash collision: bump collisionCount so the next sync computes another name (as the real controller does).
                d.Status ??= new V1DeploymentStatus();
                d.Status.CollisionCount = (d.Status.CollisionCount ?? 0) + 1;
                await WriteStatusAsync(d, cancellationToken).ConfigureAwait(false);
                throw;
            }

            created = found;
            alreadyExists = true;
        }

        if (!alreadyExists && replicas > 0)
        {
            await RecordAsync(d, EventRecorder.Normal, "ScalingReplicaSet", $"Scaled up replica set {created.Metadata.Name} from 0 to {replicas}", cancellationToken)
                .ConfigureAwait(false);
        }

        await SetDeploymentRevisionAsync(d, revision, cancellationToken).ConfigureAwait(false);
        if (!alreadyExists && DeploymentConditions.HasProgressDeadline(d))
        {
            d.Status ??= new V1DeploymentStatus();
            DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.NewReplicaSetCreated,
                $"Created new replica set \"{created.Metadata.Name}\"", Timestamp));
            await WriteStatusAsync(d, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>SetNewReplicaSetAnnotations: inherited annotations, the revision (keeping revision-history on a rollback), and replica annotations for a new one.</summary>
    private static bool SetNewReplicaSetAnnotations(V1Deployment d, JsonObject rs, string revision, bool exists)
    {
        var annotations = KubeJson.GetOrAddObject(Meta.Of(rs), "annotations");
        var changed = false;
        foreach (var (key, value) in d.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (!DeploymentUtil.NotCopied.Contains(key) && KubeJson.GetString(annotations, key) != value)
            {
                annotations[key] = value;
                changed = true;
            }
        }

        var oldText = KubeJson.GetString(annotations, DeploymentUtil.RevisionAnnotation);
        var oldRevision = long.TryParse(oldText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (oldRevision < long.Parse(revision, CultureInfo.InvariantCulture))
        {
            annotations[DeploymentUtil.RevisionAnnotation] = revision;
            changed = true;
            if (oldText is not null)
            {
                var history = KubeJson.GetString(annotations, DeploymentUtil.RevisionHistoryAnnotation);
                annotations[DeploymentUtil.RevisionHistoryAnnotation] = string.IsNullOrEmpty(history) ? oldText : $"{history},{oldText}";
            }
        }

        if (!exists)
        {
            changed |= SetReplicasAnnotations(rs, DeploymentUtil.Replicas(d), DeploymentUtil.Replicas(d) + DeploymentUtil.MaxSurge(d));
        }

        if (annotations.Count == 0)
        {
            Meta.Of(rs).Remove("annotations");
        }

        return changed;
    }

    private static bool SetReplicasAnnotations(JsonObject rs, int desired, int max)
    {
        var annotations = KubeJson.GetOrAddObject(Meta.Of(rs), "annotations");
        var desiredText = desired.ToString(CultureInfo.InvariantCulture);
        var maxText = max.ToString(CultureInfo.InvariantCulture);
        var changed = KubeJson.GetString(annotations, DeploymentUtil.DesiredReplicasAnnotation) != desiredText
            || KubeJson.GetString(annotations, DeploymentUtil.MaxReplicasAnnotation) != maxText;
        annotations[DeploymentUtil.DesiredReplicasAnnotation] = desiredText;
        annotations[DeploymentUtil.MaxReplicasAnnotation] = maxText;
        return changed;
    }

    /// <summary>
    /// SetDeploymentRevision: the Deployment's revision annotation follows its new ReplicaSet's. (kube-controller-manager
    /// writes it with the status update, which may change annotations of Deployments; here it is a metadata update.)
    /// </summary>
    private async Task SetDeploymentRevisionAsync(V1Deployment d, string? revision, CancellationToken cancellationToken)
    {
        if (revision is null || (d.Metadata.Annotations?.TryGetValue(DeploymentUtil.RevisionAnnotation, out var had) == true ? had : null) == revision)
        {
            return;
        }

        await Service.UpdateWithAsync(_deployments, d.Metadata.NamespaceProperty, d.Metadata.Name, obj =>
        {
            if (Meta.Uid(obj) == d.Metadata.Uid)
            {
                KubeJson.GetOrAddObject(Meta.Of(obj), "annotations")[DeploymentUtil.RevisionAnnotation] = revision;
            }

            return obj;
        }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
        d.Metadata.Annotations ??= new Dictionary<string, string>();
        d.Metadata.Annotations[DeploymentUtil.RevisionAnnotation] = revision;
    }

    /// <summary>Applies <paramref name="change"/> to the stored ReplicaSet; the updated copy when it changed something, else null.</summary>
    private async Task<V1ReplicaSet?> UpdateReplicaSetAsync(V1ReplicaSet rs, Func<JsonObject, bool> change, CancellationToken cancellationToken)
    {
        var changed = false;
        var result = await Service.UpdateWithAsync(_replicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name, obj =>
        {
            changed = Meta.Uid(obj) == rs.Metadata.Uid && change(obj);
            return obj;
        }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
        return changed ? Typed.Read<V1ReplicaSet>(result.Object) : null;
    }

    /// <summary>Writes <c>d.Status</c> as the Deployment's status (zero counts left out, as Go's omitempty does).</summary>
    private async Task WriteStatusAsync(V1Deployment d, CancellationToken cancellationToken)
    {
        var json = JsonNode.Parse(k8s.KubernetesJson.Serialize(d.Status ?? new V1DeploymentStatus())) as JsonObject ?? [];
        foreach (var zero in json.Where(p => p.Value is JsonValue v && KubeJson.GetInt64(v) == 0).Select(p => p.Key).ToList())
        {
            json.Remove(zero);
        }

        await Service.UpdateWithAsync(_deployments, d.Metadata.NamespaceProperty, d.Metadata.Name, obj =>
        {
            if (Meta.Uid(obj) == d.Metadata.Uid)
            {
                obj["status"] = json.DeepClone();
            }

            return obj;
        }, WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);
    }
}
