using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

namespace OrleansEci.Emulators.Kube.Tests.Controllers.Deployments;

/// <summary>
/// Deployment → ReplicaSet → Pod with the scheduler and a simulated node, as kubectl rollout status and kubectl scale
/// see it: naming, revisions, status and conditions, scaling, RollingUpdate within its budgets, and Recreate.
/// </summary>
public sealed class DeploymentControllerTests
{
    private static Task<ControllerTestServer> StartAsync(Action<Emulators.Kube.Controllers.ControllerOptions>? more = null) =>
        ControllerTestServer.StartAsync(c =>
        {
            c.Deployments.Enabled = true;
            c.ReplicaSets.Enabled = true;
            c.Scheduler.Enabled = true;
            c.FakeKubelet.Enabled = true;
            more?.Invoke(c);
        });

    private static async Task<ControllerTestServer> StartWithNodeAsync(Action<Emulators.Kube.Controllers.ControllerOptions>? more = null)
    {
        var kube = await StartAsync(more);
        await kube.CreateNodeAsync("regular", annotations: new Dictionary<string, string> { [FakeKubeletOptions.NodeAnnotation] = FakeKubeletOptions.NodeAnnotationValue });
        return kube;
    }

    [Fact]
    public async Task Create_Deployment_RollsOutAsKubectlRolloutStatusExpects()
    {
        await using var kube = await StartWithNodeAsync();
        var ns = await kube.NewNamespaceAsync("dep");
        await kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 3), ns, cancellationToken: TestContext.Current.CancellationToken);

        var d = await kube.DeploymentAsync(ns, "web", Done(3), "rolled out with 3 available replicas");
        Assert.Equal((1L, 3, 3, 3, 3), (d.Status.ObservedGeneration!.Value, d.Status.Replicas!.Value, d.Status.UpdatedReplicas!.Value, d.Status.ReadyReplicas!.Value, d.Status.AvailableReplicas!.Value));
        Assert.Null(d.Status.UnavailableReplicas);
        Assert.Equal("1", d.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        var available = d.Status.Conditions.Single(c => c.Type == "Available");
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."), (available.Status, available.Reason, available.Message));

        var rs = Assert.Single((await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: TestContext.Current.CancellationToken)).Items);
        var hash = rs.Metadata.Labels["pod-template-hash"];
        Assert.Equal($"web-{hash}", rs.Metadata.Name);
        Assert.Equal(hash, rs.Spec.Selector.MatchLabels["pod-template-hash"]);
        Assert.Equal(("1", "3", "4"), (rs.Metadata.Annotations["deployment.kubernetes.io/revision"], rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"],
            rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"]));
        var progressing = d.Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal(("True", "NewReplicaSetAvailable", $"ReplicaSet \"web-{hash}\" has successfully progressed."), (progressing.Status, progressing.Reason, progressing.Message));
        var pods = (await kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: TestContext.Current.CancellationToken)).Items;
        Assert.All(pods, p => Assert.StartsWith($"web-{hash}-", p.Metadata.Name, StringComparison.Ordinal));
        var scaled = await kube.EventAsync(ns, "web", "ScalingReplicaSet");
        Assert.Equal($"Scaled up replica set web-{hash} from 0 to 3", scaled.Message);
        Assert.Equal("deployment-controller", scaled.Source.Component);
    }

    [Fact]
    public async Task Scale_UpThenDown_FollowsReplicasAndTerminatesTheSurplus()
    {
        await using var kube = await StartWithNodeAsync();
        var ns = await kube.NewNamespaceAsync("dep");
        var ct = TestContext.Current.CancellationToken;
        await kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), ns, cancellationToken: ct);
        await kube.DeploymentAsync(ns, "web", Done(2), "2 available");

        await kube.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", ns, cancellationToken: ct);
        await kube.DeploymentAsync(ns, "web", Done(5), "5 available after scaling up");

        await kube.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", ns, cancellationToken: ct);
        await kube.DeploymentAsync(ns, "web", Done(1), "1 replica after scaling down");
        var pods = await kube.PodsAsync(ns, p => p.Count(x => x.Metadata.DeletionTimestamp is not null) == 4, "four pods terminating");
        Assert.Single(pods, p => p.Metadata.DeletionTimestamp is null);

        // The simulated kubelet removes them when their 30 s grace period ends.
        kube.Time.Advance(TimeSpan.FromSeconds(30));
        await kube.PodsAsync(ns, p => p.Count == 1, "only the remaining replica");
        var events = await kube.EventsAsync(ns, e => e.Any(x => x.Message?.StartsWith("Scaled down", StringComparison.Ordinal) == true), "a scale-down event");
        Assert.Contains(events, e => e.Reason == "ScalingReplicaSet" && e.Message.EndsWith("from 5 to 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RollingUpdate_NewImage_ReplacesPodsOneAtATimeWithinSurgeAndUnavailability()
    {
        await using var kube = await StartWithNodeAsync(c => c.FakeKubelet.TerminationDelay = TimeSpan.Zero);
        var ns = await kube.NewNamespaceAsync("dep");
        var ct = TestContext.Current.CancellationToken;
        var deployment = Deployment("web", 3);
        deployment.Spec.Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 } };
        await kube.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns, cancellationToken: ct);
        await kube.DeploymentAsync(ns, "web", Done(3), "3 available");
        var first = Assert.Single((await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct)).Items);

        await kube.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.28"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "web", ns, cancellationToken: ct);
        var d = await kube.DeploymentAsync(ns, "web", x => x.Metadata.Generation == 2 && Done(3)(x), "revision 2 rolled out");
        Assert.Equal("2", d.Metadata.Annotations["deployment.kubernetes.io/revision"]);

        var sets = (await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct)).Items;
        var second = sets.Single(r => r.Metadata.Uid != first.Metadata.Uid);
        Assert.Equal(0, sets.Single(r => r.Metadata.Uid == first.Metadata.Uid).Spec.Replicas);
        Assert.Equal(("2", 3), (second.Metadata.Annotations["deployment.kubernetes.io/revision"], second.Spec.Replicas!.Value));
        Assert.NotEqual(first.Metadata.Labels["pod-template-hash"], second.Metadata.Labels["pod-template-hash"]);

        // maxSurge 1, maxUnavailable 0: the new ReplicaSet grows one pod at a time and the old one shrinks after each.
        var events = await kube.EventsAsync(ns, e => e.Count(x => x.Reason == "ScalingReplicaSet") == 7, "seven ScalingReplicaSet events");
        var (o, n) = (first.Metadata.Name, second.Metadata.Name);
        Assert.Equal(
            [$"Scaled up replica set {o} from 0 to 3", $"Scaled up replica set {n} from 0 to 1", $"Scaled down replica set {o} from 3 to 2",
             $"Scaled up replica set {n} from 1 to 2", $"Scaled down replica set {o} from 2 to 1", $"Scaled up replica set {n} from 2 to 3",
             $"Scaled down replica set {o} from 1 to 0"],
            events.Where(e => e.Reason == "ScalingReplicaSet").OrderBy(e => e.Metadata.Name, StringComparer.Ordinal).Select(e => e.Message));
    }

    [Fact]
    public async Task Recreate_NewImage_StartsNewPodsOnlyAfterTheOldOnesAreGone()
    {
        await using var kube = await StartWithNodeAsync();
        var ns = await kube.NewNamespaceAsync("dep");
        var ct = TestContext.Current.CancellationToken;
        var deployment = Deployment("db", 2);
        deployment.Spec.Strategy = new V1DeploymentStrategy { Type = "Recreate" };
        await kube.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns, cancellationToken: ct);
        await kube.DeploymentAsync(ns, "db", Done(2), "2 available");

        await kube.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"postgres:17"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "db", ns, cancellationToken: ct);
        await kube.PodsAsync(ns, p => p.Count == 2 && p.All(x => x.Metadata.DeletionTimestamp is not null), "both old pods terminating");
        var d = await kube.DeploymentAsync(ns, "db", x => x.Status.ObservedGeneration == 2 && x.Status.Conditions.Any(c => c.Type == "Available" && c.Status == "False"),
            "generation 2 observed, no longer available");
        Assert.Null(d.Status.AvailableReplicas);
        Assert.Single((await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct)).Items);

        kube.Time.Advance(TimeSpan.FromSeconds(30));
        d = await kube.DeploymentAsync(ns, "db", Done(2), "the new revision available once the old pods are gone");
        Assert.Equal("2", d.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal(2, (await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct)).Items.Count);
        var pods = (await kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct)).Items;
        Assert.All(pods, p => Assert.Equal("postgres:17", p.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task Rollout_PodsNeverReady_ProgressDeadlineExceeded()
    {
        await using var kube = await StartAsync(c => c.FakeKubelet.Enabled = false);
        await kube.CreateNodeAsync("n1");
        var ns = await kube.NewNamespaceAsync("dep");
        var deployment = Deployment("stuck", 1);
        deployment.Spec.ProgressDeadlineSeconds = 60;
        await kube.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns, cancellationToken: TestContext.Current.CancellationToken);
        await kube.DeploymentAsync(ns, "stuck", x => x.Status?.UpdatedReplicas == 1
            && x.Status.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "ReplicaSetUpdated") == true, "Progressing ReplicaSetUpdated with 1 updated replica");

        kube.Time.Advance(TimeSpan.FromSeconds(61));
        var d = await kube.DeploymentAsync(ns, "stuck", x => x.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Status == "False") == true,
            "Progressing=False after the 60 s deadline");
        var progressing = d.Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal("ProgressDeadlineExceeded", progressing.Reason);
        Assert.EndsWith("has timed out progressing.", progressing.Message, StringComparison.Ordinal);
    }

    private static Func<V1Deployment, bool> Done(int replicas) => d =>
        d.Status is { } s && s.ObservedGeneration == d.Metadata.Generation && s.UpdatedReplicas == replicas && s.Replicas == replicas
        && s.AvailableReplicas == replicas && s.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable") == true;

    internal static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }] },
            },
        },
    };
}
