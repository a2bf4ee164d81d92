using k8s;
using k8s.Models;

using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Spot;

/// <summary>Spot pods and the workloads around them, and the local ECI service's reclaim control.</summary>
internal static class SpotWorkloads
{
    public const string SpotStrategy = "k8s.aliyun.com/eci-spot-strategy";

    /// <summary>The runtime with the local API server's Deployment, ReplicaSet and disruption controllers on.</summary>
    public static Task<RuntimeFixture> StartAsync(Action<Dictionary<string, string?>>? configure = null) =>
        RuntimeFixture.StartAsync(configure, kube: k =>
        {
            k.Controllers.Deployments.Enabled = true;
            k.Controllers.ReplicaSets.Enabled = true;
            k.Controllers.Disruption.Enabled = true;
        });

    /// <summary>A Deployment of spot pods pinned to the virtual node <see cref="RuntimeFixture.NodeH"/>.</summary>
    public static V1Deployment Deployment(string name, int replicas, bool preStop = false)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        V1Pod template = RuntimeFixture.Pod(name, RuntimeFixture.NodeH, configure: p =>
        {
            p.Metadata.Annotations = new Dictionary<string, string> { [SpotStrategy] = "SpotAsPriceGo" };
            if (preStop)
            {
                // The local ECI service keeps such a group Terminating for a while, so the evicted pod can be looked at.
                p.Spec.Containers[0].Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "sleep 5"] } } };
            }
        });
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels, Annotations = template.Metadata.Annotations }, Spec = template.Spec },
            },
        };
    }

    public static V1PodDisruptionBudget MinAvailable(string name, int minAvailable) => new()
    {
        Metadata = new V1ObjectMeta { Name = name + "-pdb", NamespaceProperty = "default" },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = minAvailable,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
        },
    };

    /// <summary>The pods of app <paramref name="app"/> as the API server has them.</summary>
    public static async Task<IList<V1Pod>> PodsAsync(RuntimeFixture fx, string app) =>
        (await fx.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=" + app)).Items;

    /// <summary>Tells the local ECI service to reclaim the group now (SpotToBeReleased now, Expired 3 minutes later).</summary>
    public static async Task ReclaimAsync(RuntimeFixture fx, string groupId)
    {
        using var control = new HttpClient { BaseAddress = fx.Eci.ControlUri };
        using var response = await control.PostAsync($"groups/{groupId}/reclaim", null, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Expected the ECI control API to reclaim {groupId}: {(int)response.StatusCode}");
    }

    /// <summary>The pod grain's state once it recorded the spot notice.</summary>
    public static async Task<PodGrainState> NoticedAsync(RuntimeFixture fx, string pod) =>
        await fx.EventuallyAsync($"pod default/{pod} to record its spot release", () => fx.Grains.GetGrain<IPodGrain>("default/" + pod).GetState(),
            s => s.SpotReleaseAt is not null, step: TimeSpan.FromSeconds(1));

    public static bool Running(V1Pod? pod) => pod?.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static string Describe(V1Pod p) => $"{p.Metadata.Name} phase={p.Status?.Phase} reason={p.Status?.Reason} deleting={p.Metadata.DeletionTimestamp is not null}";

    public static string Json(object o) => KubernetesJson.Serialize(o);
}
