using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.ReplicaSets;

public sealed partial class ReplicaSetController
{
    /// <summary>calculateStatus and updateReplicaSetStatus: counts of the claimed pods, the ReplicaFailure condition, observedGeneration.</summary>
    private async Task UpdateStatusAsync(V1ReplicaSet rs, List<V1Pod> pods, Exception? manageError, CancellationToken cancellationToken)
    {
        var templateLabels = new LabelSelector([.. (rs.Spec.Template?.Metadata?.Labels ?? new Dictionary<string, string>())
            .Select(l => new LabelRequirement(l.Key, SelectorOperator.Equals, [l.Value]))]);
        var minReady = rs.Spec.MinReadySeconds ?? 0;
        var now = Now;
        var fullyLabeled = pods.Count(p => templateLabels.Matches(Typed.Labels(p.Metadata)));
        var ready = pods.Count(PodStates.IsReady);
        var available = pods.Count(p => PodStates.IsAvailable(p, minReady, now));
        var generation = rs.Metadata.Generation ?? 0;
        var diff = pods.Count - (rs.Spec.Replicas ?? 1);
        var failureReason = diff < 0 ? "FailedCreate" : "FailedDelete";
        var timestamp = Meta.FormatTime(now);
        await Service.UpdateWithAsync(_replicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name, obj =>
        {
            if (Meta.Uid(obj) != rs.Metadata.Uid)
            {
                return obj;
            }

            var old = obj["status"] as JsonObject ?? [];
            var status = new JsonObject { ["replicas"] = pods.Count };
            PutCount(status, "fullyLabeledReplicas", fullyLabeled);
            PutCount(status, "readyReplicas", ready);
            PutCount(status, "availableReplicas", available);
            PutCount(status, "observedGeneration", generation);
            if (old["conditions"] is JsonArray conditions)
            {
                status["conditions"] = conditions.DeepClone();
            }

            var failure = Conditions.Find(old, "ReplicaFailure");
            if (manageError is not null && failure is null)
            {
                Conditions.Put(status, new JsonObject
                {
                    ["type"] = "ReplicaFailure",
                    ["status"] = "True",
                    ["lastTransitionTime"] = timestamp,
                    ["reason"] = failureReason,
                    ["message"] = manageError.Message,
                });
            }
            else if (manageError is null && failure is not null)
            {
                Conditions.Remove(status, "ReplicaFailure");
                if ((status["conditions"] as JsonArray)?.Count == 0)
                {
                    status.Remove("conditions");
                }
            }

            obj["status"] = status;
            return obj;
        }, WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Go's omitempty: zero counts are left out of the status.</summary>
    private static void PutCount(JsonObject status, string name, long value)
    {
        if (value != 0)
        {
            status[name] = value;
        }
    }
}
