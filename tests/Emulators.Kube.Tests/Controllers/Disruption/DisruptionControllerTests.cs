using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Controllers.ReplicaSets;

namespace OrleansEci.Emulators.Kube.Tests.Controllers.Disruption;

/// <summary>
/// PodDisruptionBudgets: the disruption controller's status and the eviction subresource's decisions
/// (pkg/controller/disruption, pkg/registry/core/pod/storage/eviction.go).
/// </summary>
public sealed class DisruptionControllerTests
{
    private static Task<ControllerTestServer> StartAsync() => ControllerTestServer.StartAsync(c =>
    {
        c.ReplicaSets.Enabled = true;
        c.Disruption.Enabled = true;
    });

    [Fact]
    public async Task Status_MinAvailableOfThreeReadyPods_AllowsOneDisruption()
    {
        await using var kube = await StartAsync();
        var (ns, _) = await ReadyReplicaSetAsync(kube, 3);
        await kube.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("front-pdb", minAvailable: (IntOrString)2), ns,
            cancellationToken: TestContext.Current.CancellationToken);

        var pdb = await kube.PodDisruptionBudgetAsync(ns, "front-pdb", b => b.Status?.ObservedGeneration == 1, "status observed at generation 1");
        Assert.Equal((3, 2, 3, 1), (pdb.Status.ExpectedPods, pdb.Status.DesiredHealthy, pdb.Status.CurrentHealthy, pdb.Status.DisruptionsAllowed));
        var allowed = Assert.Single(pdb.Status.Conditions);
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"), (allowed.Type, allowed.Status, allowed.Reason));
    }

    [Fact]
    public async Task Eviction_BudgetAllowsOne_FirstIsAcceptedAndChargedSecondIs429WithDisruptionBudgetCause()
    {
        await using var kube = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var (ns, pods) = await ReadyReplicaSetAsync(kube, 3);
        await kube.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("front-pdb", minAvailable: (IntOrString)2), ns, cancellationToken: ct);
        await kube.PodDisruptionBudgetAsync(ns, "front-pdb", b => b.Status?.DisruptionsAllowed == 1, "one disruption allowed");

        await kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[0], ns), pods[0], ns, cancellationToken: ct);
        // The eviction takes the one disruption at once (and notes the pod until the controller sees it deleted).
        var charged = await kube.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("front-pdb", ns, cancellationToken: ct);
        Assert.True(charged.Status.DisruptionsAllowed == 0,
            $"Expected the eviction of {ns}/{pods[0]} to take the budget's one disruption; saw disruptionsAllowed={charged.Status.DisruptionsAllowed}");

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() =>
            kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[1], ns), pods[1], ns, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Response.StatusCode);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", refused.Response.Content, StringComparison.Ordinal);
        Assert.Contains("DisruptionBudget", refused.Response.Content, StringComparison.Ordinal);
        var still = await kube.Client.CoreV1.ReadNamespacedPodAsync(pods[1], ns, cancellationToken: ct);
        Assert.Null(still.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task Eviction_ReplacementBecomesReady_BudgetAllowsTheNextOne()
    {
        await using var kube = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var (ns, pods) = await ReadyReplicaSetAsync(kube, 2);
        await kube.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("front-pdb", maxUnavailable: (IntOrString)1), ns, cancellationToken: ct);
        await kube.PodDisruptionBudgetAsync(ns, "front-pdb", b => b.Status?.DisruptionsAllowed == 1, "one disruption allowed (maxUnavailable 1 of 2)");
        await kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[0], ns), pods[0], ns, cancellationToken: ct);

        // The ReplicaSet replaces the evicted pod; until the replacement is ready, nothing more may go.
        var all = await kube.PodsAsync(ns, p => p.Count == 2 && p.All(x => x.Metadata.Name != pods[0]), "the evicted pod replaced");
        await kube.PodDisruptionBudgetAsync(ns, "front-pdb", b => b.Status?.DisruptionsAllowed == 0 && b.Status.CurrentHealthy == 1, "no disruption while one pod is healthy");
        string replacement = all.Single(p => p.Metadata.Name != pods[1]).Metadata.Name;
        await ReplicaSetControllerTests.MarkReadyAsync(kube, ns, replacement);
        await kube.PodDisruptionBudgetAsync(ns, "front-pdb", b => b.Status?.DisruptionsAllowed == 1 && b.Status.CurrentHealthy == 2, "one disruption again with the replacement ready");
        await kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[1], ns), pods[1], ns, cancellationToken: ct);
    }

    [Fact]
    public async Task Status_PercentOfBarePods_FailsSafeAndRefusesEvictions()
    {
        await using var kube = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var ns = await kube.NewNamespaceAsync("pdb");
        var bare = TestPods.Pod("bare");
        bare.Metadata.Labels = new Dictionary<string, string> { ["app"] = "front" };
        await kube.Client.CoreV1.CreateNamespacedPodAsync(bare, ns, cancellationToken: ct);
        await ReplicaSetControllerTests.MarkReadyAsync(kube, ns, "bare");
        await kube.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("front-pdb", maxUnavailable: (IntOrString)"50%"), ns, cancellationToken: ct);

        var pdb = await kube.PodDisruptionBudgetAsync(ns, "front-pdb", b => b.Status?.Conditions?.Any(c => c.Reason == "SyncFailed") == true,
            "DisruptionAllowed False with reason SyncFailed (a percentage needs the pods' controllers)");
        Assert.Contains("found no controllers for pod \"bare\"", pdb.Status.Conditions.Single().Message, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() =>
            kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("bare", ns), "bare", ns, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Response.StatusCode);
    }

    [Fact]
    public async Task Eviction_PodWithoutBudget_IsDeletedAsBefore()
    {
        await using var kube = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var (ns, pods) = await ReadyReplicaSetAsync(kube, 1);
        await kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[0], ns), pods[0], ns, cancellationToken: ct);
        await kube.PodsAsync(ns, p => p.All(x => x.Metadata.Name != pods[0]), $"pod {pods[0]} gone after its eviction");
    }

    [Fact]
    public async Task Eviction_BoundRunningPod_GetsDisruptionTargetEvictionByEvictionApiAndADeletionTimestamp()
    {
        await using var kube = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var ns = await kube.NewNamespaceAsync("pdb");
        var bound = TestPods.Pod("bound", node: "vk-1");
        bound.Metadata.Labels = new Dictionary<string, string> { ["app"] = "front" };
        await kube.Client.CoreV1.CreateNamespacedPodAsync(bound, ns, cancellationToken: ct);
        await ReplicaSetControllerTests.MarkReadyAsync(kube, ns, "bound");
        await kube.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("front-pdb", minAvailable: (IntOrString)0), ns, cancellationToken: ct);
        await kube.PodDisruptionBudgetAsync(ns, "front-pdb", b => b.Status?.DisruptionsAllowed == 1, "one disruption allowed");

        await kube.Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("bound", ns), "bound", ns, cancellationToken: ct);
        var evicted = await kube.Client.CoreV1.ReadNamespacedPodAsync("bound", ns, cancellationToken: ct);
        Assert.NotNull(evicted.Metadata.DeletionTimestamp);
        var disruption = Assert.Single(evicted.Status.Conditions, c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "EvictionByEvictionAPI", "Eviction API: evicting"), (disruption.Status, disruption.Reason, disruption.Message));
    }

    [Theory]
    [InlineData("""{"minAvailable":1,"maxUnavailable":1}""", "minAvailable and maxUnavailable cannot be both set")]
    [InlineData("""{"minAvailable":"150%"}""", "must not be greater than 100%")]
    [InlineData("""{"maxUnavailable":-1}""", "must be greater than or equal to 0")]
    [InlineData("""{"minAvailable":"half"}""", "a valid percent string")]
    [InlineData("""{"minAvailable":1,"unhealthyPodEvictionPolicy":"Sometimes"}""", "spec.unhealthyPodEvictionPolicy: Unsupported value")]
    public async Task Create_MalformedBudget_IsInvalid(string spec, string expected)
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("pdb");
        var body = $$"""{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"bad"},"spec":{{spec}}}""";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => kube.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(
            KubernetesJson.Deserialize<V1PodDisruptionBudget>(body), ns, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains(expected, error.Response.Content, StringComparison.Ordinal);
    }

    private static async Task<(string Ns, List<string> Pods)> ReadyReplicaSetAsync(ControllerTestServer kube, int replicas)
    {
        var ns = await kube.NewNamespaceAsync("pdb");
        await kube.Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSetControllerTests.ReplicaSet("front", replicas), ns, cancellationToken: TestContext.Current.CancellationToken);
        var pods = (await kube.PodsAsync(ns, p => p.Count == replicas, $"{replicas} pods")).Select(p => p.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var pod in pods)
        {
            await ReplicaSetControllerTests.MarkReadyAsync(kube, ns, pod);
        }

        return (ns, pods);
    }

    private static V1PodDisruptionBudget Budget(string name, IntOrString? minAvailable = null, IntOrString? maxUnavailable = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = minAvailable,
            MaxUnavailable = maxUnavailable,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "front" } },
        },
    };

    private static V1Eviction Eviction(string pod, string ns) => new() { Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = ns } };
}
