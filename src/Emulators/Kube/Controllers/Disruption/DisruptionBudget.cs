using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Policy;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.Disruption;

/// <summary>
/// What the disruption controller computes for one PodDisruptionBudget (pkg/controller/disruption/disruption.go:
/// getExpectedPodCount, countHealthyPods, buildDisruptedPodMap, updatePdbStatus), pure so it is tested on its own.
/// </summary>
internal static class DisruptionBudget
{
    /// <summary>How long an eviction's entry in disruptedPods waits for the pod's deletion (DeletionTimeout, 2 min).</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The new status counts. <paramref name="pods"/> are the pods the budget selects; <paramref name="scaleOf"/> gives the
    /// controller (uid) and its desired replicas for a pod, or null when the pod has none with a scale.
    /// </summary>
    public static BudgetStatus Compute(JsonObject pdb, IReadOnlyList<V1Pod> pods, Func<V1Pod, (string Uid, int Scale)?> scaleOf, DateTimeOffset now)
    {
        var spec = pdb["spec"] as JsonObject;
        var (expected, desired, error) = ExpectedAndDesired(spec, pods, scaleOf);
        var disrupted = DisruptedPods(pdb["status"] as JsonObject, pods, now, out var recheck);
        var healthy = pods.Count(p => p.Metadata.DeletionTimestamp is null && !disrupted.ContainsKey(p.Metadata.Name) && PodStates.IsReady(p));
        return new BudgetStatus(expected, desired, healthy, Math.Max(0, healthy - desired), disrupted, recheck, error);
    }

    private static (int Expected, int Desired, string? Error) ExpectedAndDesired(JsonObject? spec, IReadOnlyList<V1Pod> pods, Func<V1Pod, (string Uid, int Scale)?> scaleOf)
    {
        var maxUnavailable = IntOrPercent.Parse(spec?["maxUnavailable"]);
        var minAvailable = IntOrPercent.Parse(spec?["minAvailable"]);
        if (maxUnavailable is { } max)
        {
            if (Scale(pods, scaleOf, out var error) is not { } total)
            {
                return (0, 0, error);
            }

            return (total, Math.Max(0, total - max.Scaled(total, roundUp: true)), null);
        }

        if (minAvailable is { IsPercent: false } min)
        {
            return (pods.Count, min.Value, null);
        }

        if (minAvailable is { } percent)
        {
            if (Scale(pods, scaleOf, out var error) is not { } total)
            {
                return (0, 0, error);
            }

            return (total, percent.Scaled(total, roundUp: true), null);
        }

        return (pods.Count, 0, null);
    }

    /// <summary>getExpectedScale: the sum of the desired replicas of the pods' controllers, each counted once.</summary>
    private static int? Scale(IReadOnlyList<V1Pod> pods, Func<V1Pod, (string Uid, int Scale)?> scaleOf, out string? error)
    {
        var controllers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (scaleOf(pod) is not { } controller)
            {
                error = $"found no controllers for pod \"{pod.Metadata.Name}\"";
                return null;
            }

            controllers[controller.Uid] = controller.Scale;
        }

        error = null;
        return controllers.Values.Sum();
    }

    /// <summary>buildDisruptedPodMap: evictions not yet seen as deletions and not older than <see cref="DeletionTimeout"/>.</summary>
    private static Dictionary<string, DateTimeOffset> DisruptedPods(JsonObject? status, IReadOnlyList<V1Pod> pods, DateTimeOffset now, out DateTimeOffset? recheck)
    {
        recheck = null;
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (status?["disruptedPods"] is not JsonObject map)
        {
            return result;
        }

        foreach (var pod in pods)
        {
            if (pod.Metadata.DeletionTimestamp is not null || KubeJson.GetString(map, pod.Metadata.Name) is not { } text
                || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                continue;
            }

            var expectedDeletion = at + DeletionTimeout;
            if (expectedDeletion < now)
            {
                continue; // the eviction's deletion never came: the pod counts again
            }

            result[pod.Metadata.Name] = at;
            recheck = recheck is { } r && r < expectedDeletion ? r : expectedDeletion;
        }

        return result;
    }
}
