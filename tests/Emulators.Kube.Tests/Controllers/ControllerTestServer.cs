using k8s;
using k8s.Models;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Kube.Controllers;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Controllers;

/// <summary>
/// A server of its own (nodes are cluster-wide) with only the controllers a test turns on, a fake clock, and waits that
/// watch the API (list, then watch from the list's resourceVersion) until a condition holds: no polling, no sleeps. A
/// wait that is not met within <see cref="HangGuard"/> fails with what was expected and the last state seen.
/// </summary>
public sealed class ControllerTestServer : IAsyncDisposable
{
    /// <summary>Real time a wait may take before the test fails instead of hanging (a guard, not a timing assertion).</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private ControllerTestServer(KubeServer kube, FakeTimeProvider time)
    {
        Kube = kube;
        Time = time;
    }

    public KubeServer Kube { get; }

    public Kubernetes Client => Kube.Client;

    public FakeTimeProvider Time { get; }

    /// <summary>Starts a server with every controller off, then lets <paramref name="enable"/> turn some on.</summary>
    public static async Task<ControllerTestServer> StartAsync(Action<ControllerOptions> enable)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var kube = await KubeServer.StartAsync(o => enable(o.Controllers.DisableAll()), time);
        return new ControllerTestServer(kube, time);
    }

    public Task<string> NewNamespaceAsync(string prefix) => Kube.NewNamespaceAsync(prefix);

    public async Task<V1Node> CreateNodeAsync(string name, string cpu = "4", string memory = "8Gi", string pods = "110",
        IDictionary<string, string>? labels = null, IList<V1Taint>? taints = null, bool ready = true, IDictionary<string, string>? annotations = null,
        IDictionary<string, string>? extra = null)
    {
        var allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new(pods) };
        foreach (var (resource, amount) in extra ?? new Dictionary<string, string>())
        {
            allocatable[resource] = new ResourceQuantity(amount);
        }

        var node = await Client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels, Annotations = annotations },
            Spec = new V1NodeSpec { Taints = taints },
        }, cancellationToken: TestContext.Current.CancellationToken);
        if (annotations?.ContainsKey(Emulators.Kube.Controllers.FakeKubelet.FakeKubeletOptions.NodeAnnotation) == true)
        {
            return node;
        }

        var now = Time.GetUtcNow().UtcDateTime;
        node.Status = new V1NodeStatus
        {
            Allocatable = allocatable,
            Capacity = allocatable,
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False", Reason = ready ? "KubeletReady" : "KubeletNotReady", LastHeartbeatTime = now, LastTransitionTime = now }],
        };
        return await Client.CoreV1.ReplaceNodeStatusAsync(node, name, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the pods of <paramref name="ns"/> satisfy <paramref name="until"/>.</summary>
    public Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, Func<IReadOnlyList<V1Pod>, bool> until, string expectation) =>
        WaitAsync(ct => Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct),
            (rv, ct) => Client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: rv, cancellationToken: ct), until, expectation);

    public async Task<V1Pod> PodAsync(string ns, string name, Func<V1Pod, bool> until, string expectation) =>
        (await PodsAsync(ns, pods => pods.Any(p => p.Metadata.Name == name && until(p)), $"pod {ns}/{name}: {expectation}")).Single(p => p.Metadata.Name == name);

    public Task<IReadOnlyList<V1Node>> NodesAsync(Func<IReadOnlyList<V1Node>, bool> until, string expectation) =>
        WaitAsync(ct => Client.CoreV1.ListNodeAsync(cancellationToken: ct),
            (rv, ct) => Client.CoreV1.WatchListNodeAsync(resourceVersion: rv, cancellationToken: ct), until, expectation);

    public async Task<V1Node> NodeAsync(string name, Func<V1Node, bool> until, string expectation) =>
        (await NodesAsync(nodes => nodes.Any(n => n.Metadata.Name == name && until(n)), $"node {name}: {expectation}")).Single(n => n.Metadata.Name == name);

    public Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, Func<IReadOnlyList<Corev1Event>, bool> until, string expectation) =>
        WaitAsync(ct => Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct),
            (rv, ct) => Client.CoreV1.WatchListNamespacedEventAsync(ns, resourceVersion: rv, cancellationToken: ct), until, expectation);

    /// <summary>Waits for an event about <paramref name="involvedName"/> with <paramref name="reason"/>.</summary>
    public async Task<Corev1Event> EventAsync(string ns, string involvedName, string reason) =>
        (await EventsAsync(ns, events => events.Any(e => e.InvolvedObject.Name == involvedName && e.Reason == reason), $"an event {reason} about {involvedName}"))
            .First(e => e.InvolvedObject.Name == involvedName && e.Reason == reason);

    public async Task<V1Deployment> DeploymentAsync(string ns, string name, Func<V1Deployment, bool> until, string expectation) =>
        (await WaitAsync(ct => Client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct),
            (rv, ct) => Client.AppsV1.WatchListNamespacedDeploymentAsync(ns, resourceVersion: rv, cancellationToken: ct), items => items.Any(d => d.Metadata.Name == name && until(d)), $"deployment {ns}/{name}: {expectation}")).Single(d => d.Metadata.Name == name);

    public Task<IReadOnlyList<V1ReplicaSet>> ReplicaSetsAsync(string ns, Func<IReadOnlyList<V1ReplicaSet>, bool> until, string expectation) =>
        WaitAsync(ct => Client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct),
            (rv, ct) => Client.AppsV1.WatchListNamespacedReplicaSetAsync(ns, resourceVersion: rv, cancellationToken: ct), until, expectation);

    public async Task<V1Job> JobAsync(string ns, string name, Func<V1Job, bool> until, string expectation) =>
        (await WaitAsync(ct => Client.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: ct),
            (rv, ct) => Client.BatchV1.WatchListNamespacedJobAsync(ns, resourceVersion: rv, cancellationToken: ct), items => items.Any(j => j.Metadata.Name == name && until(j)), $"job {ns}/{name}: {expectation}")).Single(j => j.Metadata.Name == name);

    public async Task<V1Lease> LeaseAsync(string ns, string name, Func<V1Lease, bool> until, string expectation) =>
        (await WaitAsync(ct => Client.CoordinationV1.ListNamespacedLeaseAsync(ns, cancellationToken: ct),
            (rv, ct) => Client.CoordinationV1.WatchListNamespacedLeaseAsync(ns, resourceVersion: rv, cancellationToken: ct),
            items => items.Any(l => l.Metadata.Name == name && until(l)), $"lease {ns}/{name}: {expectation}")).Single(l => l.Metadata.Name == name);

    public async Task<V1PodDisruptionBudget> PodDisruptionBudgetAsync(string ns, string name, Func<V1PodDisruptionBudget, bool> until, string expectation) =>
        (await WaitAsync(ct => Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, cancellationToken: ct),
            (rv, ct) => Client.PolicyV1.WatchListNamespacedPodDisruptionBudgetAsync(ns, resourceVersion: rv, cancellationToken: ct),
            items => items.Any(b => b.Metadata.Name == name && until(b)), $"PodDisruptionBudget {ns}/{name}: {expectation}")).Single(b => b.Metadata.Name == name);

    public ValueTask DisposeAsync() => Kube.DisposeAsync();

    /// <summary>
    /// A small informer: lists, then watches from the list's resourceVersion, keeping the current objects by name and
    /// testing <paramref name="until"/> after the list and after every event.
    /// </summary>
    private static async Task<IReadOnlyList<TItem>> WaitAsync<TItem, TList>(Func<CancellationToken, Task<TList>> list,
        Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType, TItem)>> watch, Func<IReadOnlyList<TItem>, bool> until, string expectation)
        where TItem : IKubernetesObject<V1ObjectMeta>
        where TList : IItems<TItem>, IMetadata<V1ListMeta>
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(HangGuard);
        var current = new SortedDictionary<string, TItem>(StringComparer.Ordinal);
        try
        {
            var listed = await list(guard.Token);
            foreach (var item in listed.Items)
            {
                current[Key(item)] = item;
            }

            if (until([.. current.Values]))
            {
                return [.. current.Values];
            }

            await foreach (var (type, item) in watch(listed.Metadata.ResourceVersion, guard.Token))
            {
                if (type == WatchEventType.Deleted)
                {
                    current.Remove(Key(item));
                }
                else if (type is WatchEventType.Added or WatchEventType.Modified)
                {
                    current[Key(item)] = item;
                }

                if (until([.. current.Values]))
                {
                    return [.. current.Values];
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // The hang guard fired: report below.
        }

        var seen = string.Join("\n", current.Values.Select(v => KubernetesJson.Serialize(v)));
        Assert.Fail($"Expected {expectation} within {HangGuard.TotalSeconds} s; it did not happen. Last seen:\n{seen}");
        throw new InvalidOperationException("unreachable");
    }

    private static string Key(IKubernetesObject<V1ObjectMeta> item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";
}
