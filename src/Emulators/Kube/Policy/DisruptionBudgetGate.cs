using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Controllers;
using OrleansEci.Emulators.Kube.Controllers.Disruption;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Policy;

/// <summary>
/// The eviction subresource's PodDisruptionBudget check (pkg/registry/core/pod/storage/eviction.go, v1.27+): a pod that
/// is already terminal, Pending or being deleted is deleted without a check; more than one budget is an error; an unready
/// pod may go when the budget is healthy without it (IfHealthyBudget, the default) or always (AlwaysAllow); otherwise
/// the budget must allow a disruption, which the eviction takes (disruptionsAllowed - 1, the pod noted in disruptedPods
/// until the disruption controller sees it deleted). A refusal is 429 TooManyRequests with a DisruptionBudget cause.
/// </summary>
internal static class DisruptionBudgetGate
{
    /// <summary>MaxDisruptedPodSize: evictions approved but not yet seen by the controller.</summary>
    private const int MaxDisruptedPods = 2000;

    private const string Refused = "Cannot evict pod as it would violate the pod's disruption budget.";

    /// <summary>
    /// Admits the eviction or throws the refusal; returns the resourceVersion the delete must carry as precondition when
    /// the pod was let through without charging the budget (Pending, or unready), so it cannot turn ready meanwhile.
    /// </summary>
    public static async Task<string?> AdmitAsync(ResourceService service, V1Pod pod, long podResourceVersion, bool dryRun, CancellationToken cancellationToken)
    {
        if (pod.Status?.Phase is "Succeeded" or "Failed" or "Pending" || pod.Metadata.DeletionTimestamp is not null)
        {
            // canIgnorePDB; a Pending pod is still guarded against becoming ready meanwhile (shouldEnforceResourceVersion).
            return pod.Status?.Phase == "Pending" && pod.Metadata.DeletionTimestamp is null ? Rv(podResourceVersion) : null;
        }

        var budgets = service.Registry.Get("policy", "poddisruptionbudgets");
        var matching = service.List(budgets, pod.Metadata.NamespaceProperty, ListOptions.Everything).Items
            .Where(b => DisruptionController.SelectorOf(b.ToJson()).Matches(Typed.Labels(pod.Metadata))).ToList();
        if (matching.Count > 1)
        {
            throw new ApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        if (matching.Count == 0)
        {
            return null;
        }

        var budget = matching[0].ToJson();
        var status = budget["status"] as JsonObject ?? [];
        var current = (int?)status["currentHealthy"] ?? 0;
        var desired = (int?)status["desiredHealthy"] ?? 0;
        if (!PodStates.IsReady(pod))
        {
            var policy = KubeJson.GetString(budget, "spec", "unhealthyPodEvictionPolicy") ?? "IfHealthyBudget";
            if (policy == "AlwaysAllow" || (current >= desired && desired > 0))
            {
                return Rv(podResourceVersion);
            }
        }

        var name = matching[0].Name;
        await service.UpdateWithAsync(budgets, pod.Metadata.NamespaceProperty, name, obj => Decrement(obj, name, pod.Metadata.Name, service.Context.Timestamp(), dryRun),
            new WriteOptions { DryRun = dryRun }, "status", cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>checkAndDecrement, on the budget as stored now (the update retries on conflicts with the controller).</summary>
    private static JsonObject Decrement(JsonObject budget, string budgetName, string podName, string now, bool dryRun)
    {
        var status = budget["status"] as JsonObject ?? [];
        var generation = (long?)(budget["metadata"] as JsonObject)?["generation"] ?? 0;
        if (((long?)status["observedGeneration"] ?? 0) < generation)
        {
            throw TooManyRequests(Refused, $"The disruption budget {budgetName} is still being processed by the server.", 10);
        }

        var allowed = (int?)status["disruptionsAllowed"] ?? 0;
        if (allowed < 0)
        {
            throw ApiErrors.Forbidden(new GroupResource("policy", "poddisruptionbudget"), budgetName, "pdb disruptions allowed is negative");
        }

        if ((status["disruptedPods"] as JsonObject)?.Count > MaxDisruptedPods)
        {
            throw ApiErrors.Forbidden(new GroupResource("policy", "poddisruptionbudget"), budgetName,
                "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
        }

        if (allowed == 0)
        {
            throw TooManyRequests(Refused,
                $"The disruption budget {budgetName} needs {(int?)status["desiredHealthy"] ?? 0} healthy pods and has {(int?)status["currentHealthy"] ?? 0} currently", 0);
        }

        status["disruptionsAllowed"] = allowed - 1;
        if (allowed - 1 == 0 && Conditions.Find(status, "DisruptionAllowed") is { } condition)
        {
            condition["status"] = "False";
            condition["reason"] = "InsufficientPods";
            condition["lastTransitionTime"] = now;
        }

        if (!dryRun)
        {
            var disrupted = status["disruptedPods"] as JsonObject ?? [];
            disrupted[podName] = now;
            status["disruptedPods"] = disrupted;
        }

        budget["status"] = status;
        return budget;
    }

    private static string Rv(long resourceVersion) => resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ApiException TooManyRequests(string message, string cause, int retryAfterSeconds) =>
        new(429, "TooManyRequests", message, new StatusDetails(null, null, null, [new StatusCause("DisruptionBudget", "", cause)]) { RetryAfterSeconds = retryAfterSeconds })
        {
            Headers = retryAfterSeconds > 0 ? new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null,
        };
}
