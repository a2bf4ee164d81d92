using System.Globalization;

using k8s;
using k8s.Models;

namespace OrleansEci.Silo.Sandbox;

/// <summary>
/// `sandbox --demo N`: applies a Deployment of N pods routed to the virtual nodes (nodeSelector + toleration, route 4
/// of eci-on-kubernetes.md §3) and measures, per pod, the time from creation to Running.
/// </summary>
internal static class DemoRun
{
    public const string Name = "demo";

    public sealed record Result(int Pods, TimeSpan Total, TimeSpan P50, TimeSpan P99)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Pods} pods Running in {Total.TotalSeconds:0.0} s; per pod from creation to Running: p50 {P50.TotalSeconds:0.0} s, p99 {P99.TotalSeconds:0.0} s");
    }

    /// <summary>Applies the Deployment (its pods carry <paramref name="annotations"/>, if any) and waits until every pod runs.</summary>
    public static async Task<Result> RunAsync(IKubernetes client, int replicas, TimeProvider time, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        DateTimeOffset started = time.GetUtcNow();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(replicas, annotations), "default", cancellationToken: cancellationToken);
        var runningAt = new Dictionary<string, (DateTimeOffset Created, DateTimeOffset Running)>(StringComparer.Ordinal);
        while (runningAt.Count < replicas)
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=" + Name, cancellationToken: cancellationToken);
            DateTimeOffset now = time.GetUtcNow();
            foreach (V1Pod pod in pods.Items.Where(p => p.Status?.Phase == "Running" && p.Metadata.DeletionTimestamp is null))
            {
                if (!runningAt.ContainsKey(pod.Metadata.Name))
                {
                    var created = new DateTimeOffset(DateTime.SpecifyKind(pod.Metadata.CreationTimestamp ?? now.UtcDateTime, DateTimeKind.Utc));
                    runningAt[pod.Metadata.Name] = (created, now);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        var latencies = runningAt.Values.Select(v => v.Running - v.Created).Order().ToArray();
        return new Result(replicas, time.GetUtcNow() - started, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    /// <summary>
    /// Annotations that let a demo pod use every zone: all the vSwitches, tried in order, so a sold-out zone is fallen back
    /// from (eci-on-kubernetes.md, annotations eci-vswitch and eci-schedule-strategy).
    /// </summary>
    public static IReadOnlyDictionary<string, string> EveryZone(IEnumerable<string> vSwitchIds) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["k8s.aliyun.com/eci-vswitch"] = string.Join(',', vSwitchIds),
        ["k8s.aliyun.com/eci-schedule-strategy"] = "VSwitchOrdered",
    };

    private static TimeSpan Percentile(TimeSpan[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static V1Deployment Deployment(int replicas, IReadOnlyDictionary<string, string>? annotations) => new()
    {
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = "default" },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = Name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = new Dictionary<string, string> { ["app"] = Name },
                    Annotations = annotations is null ? null : new Dictionary<string, string>(annotations, StringComparer.Ordinal),
                },
                Spec = new V1PodSpec
                {
                    NodeSelector = new Dictionary<string, string> { ["type"] = "virtual-kubelet" },
                    Tolerations = [new V1Toleration { Key = "virtual-kubelet.io/provider", OperatorProperty = "Exists" }],
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "web",
                            Image = "nginx:1.27",
                            Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("512Mi") } },
                        },
                    ],
                },
            },
        },
    };
}
