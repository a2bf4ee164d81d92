using System.Text.Json.Nodes;

using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.Disruption;

/// <summary>
/// The disruption controller (pkg/controller/disruption/disruption.go): keeps every PodDisruptionBudget's status —
/// expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods, observedGeneration and the
/// DisruptionAllowed condition — so that the eviction subresource can decide. Expected counts come from the pods'
/// controllers (a ReplicaSet's replicas, or its Deployment's) when the budget is a percentage or maxUnavailable; a pod
/// without one makes the budget fail safe (no disruption allowed, reason SyncFailed), as the real controller does.
/// </summary>
public sealed class DisruptionController : ControllerLoop<string>
{
    private const string Component = "controllermanager";
    private readonly EventRecorder _events;
    private readonly ResourceType _budgets;
    private readonly ResourceType _pods;
    private readonly ResourceType _replicaSets;
    private readonly ResourceType _deployments;

    public DisruptionController(ResourceService service, EventRecorder events, TimeProvider time, ILogger<DisruptionController> logger)
        : base("disruption-controller", service, time, logger)
    {
        _events = events;
        _budgets = service.Registry.Get("policy", "poddisruptionbudgets");
        _pods = service.Registry.Get("", "pods");
        _replicaSets = service.Registry.Get("apps", "replicasets");
        _deployments = service.Registry.Get("apps", "deployments");
        Watch(_budgets);
        Watch(_pods);
    }

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _budgets))
        {
            if (change.Type != WatchEventType.Deleted)
            {
                Queue.Add(change.Object.Key);
            }

            return;
        }

        foreach (var pod in new[] { change.Object, change.Previous })
        {
            if (pod is null)
            {
                continue;
            }

            foreach (var budget in Service.List(_budgets, pod.Namespace, ListOptions.Everything).Items)
            {
                if (SelectorOf(budget.ToJson()).Matches(pod.Labels))
                {
                    Queue.Add(budget.Key);
                }
            }
        }
    }

    /// <summary>policy/v1: a null selector selects no pods, an empty one every pod of the namespace.</summary>
    internal static LabelSelector SelectorOf(JsonObject budget) => LabelSelector.FromJson((budget["spec"] as JsonObject)?["selector"] as JsonObject);

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (ns, name) = (key[..slash], key[(slash + 1)..]);
        if (Service.Find(_budgets, ns, name) is not { } stored)
        {
            return;
        }

        var budget = stored.ToJson();
        var selector = SelectorOf(budget);
        var pods = Service.List(_pods, ns, ListOptions.Everything).Items.Where(p => selector.Matches(p.Labels)).Select(Typed.Read<V1Pod>).ToList();
        var computed = DisruptionBudget.Compute(budget, pods, ScaleOf, Now);
        if (computed.Error is { } error)
        {
            await _events.RecordAsync(Component, budget, EventRecorder.Warning, "CalculateExpectedPodCountFailed",
                $"Failed to calculate the number of expected pods: {error}", cancellationToken).ConfigureAwait(false);
        }

        var generation = (long?)(budget["metadata"] as JsonObject)?["generation"] ?? 0;
        var timestamp = Meta.FormatTime(Now);
        await Service.UpdateWithAsync(_budgets, ns, name, obj =>
        {
            if (Meta.Uid(obj) != stored.Uid)
            {
                return obj;
            }

            var old = obj["status"] as JsonObject ?? [];
            obj["status"] = computed.Error is { } failed ? FailSafe(old, failed, timestamp) : Status(old, computed, generation, timestamp);
            return obj;
        }, WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);

        if (computed.RecheckAt is { } recheck)
        {
            Queue.AddAt(key, recheck);
        }
    }

    /// <summary>updatePdbStatus, with the DisruptionAllowed condition (pdbhelper.UpdateDisruptionAllowedCondition).</summary>
    private static JsonObject Status(JsonObject old, BudgetStatus s, long generation, string timestamp)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["disruptionsAllowed"] = s.DisruptionsAllowed,
            ["currentHealthy"] = s.CurrentHealthy,
            ["desiredHealthy"] = s.DesiredHealthy,
            ["expectedPods"] = s.ExpectedPods,
        };
        if (s.DisruptedPods.Count > 0)
        {
            status["disruptedPods"] = new JsonObject(s.DisruptedPods.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Meta.FormatTime(p.Value))));
        }

        status["conditions"] = Allowed(old, s.DisruptionsAllowed > 0, s.DisruptionsAllowed > 0 ? "SufficientPods" : "InsufficientPods", "", generation, timestamp);
        return status;
    }

    /// <summary>failSafe: nothing may be disrupted while the expected count is unknown; the rest of the status stays.</summary>
    private static JsonObject FailSafe(JsonObject old, string error, string timestamp)
    {
        var status = (JsonObject)old.DeepClone();
        status["disruptionsAllowed"] = 0;
        status["conditions"] = Allowed(old, false, "SyncFailed", error, (long?)old["observedGeneration"] ?? 0, timestamp);
        return status;
    }

    private static JsonArray Allowed(JsonObject old, bool allowed, string reason, string message, long generation, string timestamp)
    {
        var previous = Conditions.Find(old, "DisruptionAllowed");
        var value = allowed ? "True" : "False";
        var since = previous is not null && Conditions.StatusOf(old, "DisruptionAllowed") == value
            ? previous["lastTransitionTime"]?.DeepClone() ?? timestamp
            : timestamp;
        return
        [
            new JsonObject
            {
                ["type"] = "DisruptionAllowed",
                ["status"] = value,
                ["observedGeneration"] = generation,
                ["lastTransitionTime"] = since,
                ["reason"] = reason,
                ["message"] = message,
            },
        ];
    }

    /// <summary>getPodReplicaSet / getPodDeployment: the pod's controller and its desired replicas.</summary>
    private (string Uid, int Scale)? ScaleOf(V1Pod pod)
    {
        if (OwnerReferences.ControllerOf(pod.Metadata) is not { Kind: "ReplicaSet" } owner
            || Service.Find(_replicaSets, pod.Metadata.NamespaceProperty, owner.Name) is not { } stored || stored.Uid != owner.Uid)
        {
            return null;
        }

        var rs = Typed.Read<V1ReplicaSet>(stored);
        if (OwnerReferences.ControllerOf(rs.Metadata) is { Kind: "Deployment" } parent
            && Service.Find(_deployments, rs.Metadata.NamespaceProperty, parent.Name) is { } deployment && deployment.Uid == parent.Uid)
        {
            return (deployment.Uid, Typed.Read<V1Deployment>(deployment).Spec.Replicas ?? 1);
        }

        return (rs.Metadata.Uid, rs.Spec.Replicas ?? 1);
    }
}
