using System.Diagnostics;

using k8s;
using k8s.Models;

namespace OrleansEci.Runtime.Bench;

/// <summary>Everything a run uses: the peers, the silo, the driver's own Kubernetes client and pod tracker, the report.</summary>
internal sealed class BenchContext(BenchOptions options, Peers peers, RuntimeSilo silo, IKubernetes client, PodTracker tracker, HttpClient control, Report report)
{
    public BenchOptions Options { get; } = options;

    public Peers Peers { get; } = peers;

    public RuntimeSilo Silo { get; } = silo;

    /// <summary>The driver's client of the API server: unpaced, not the runtime's.</summary>
    public IKubernetes Client { get; } = client;

    public PodTracker Tracker { get; } = tracker;

    /// <summary>The ECI emulator's control API (<c>/_emulator/</c>).</summary>
    public HttpClient Control { get; } = control;

    public Report Report { get; } = report;

    /// <summary>Live managed bytes of this process (silo and driver) before any pod existed.</summary>
    public long BaselineBytes { get; set; }

    public Task<EciCalls> EciCallsAsync(CancellationToken cancellationToken) => EciCalls.ReadAsync(Control, cancellationToken);

    public KubeCalls KubeCalls() => new(Silo.KubeCalls.Reads, Silo.KubeCalls.Writes, Silo.KubeCalls.Watches, Silo.KubeCalls.ThrottledWaits);

    /// <summary>Processor time of this process (silo and driver) and of the peers.</summary>
    public (TimeSpan Silo, TimeSpan Peers) CpuTime()
    {
        using Process self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime, Peers.CpuTime);
    }

    /// <summary>Creates <see cref="BenchOptions.Pods"/> bare pods bound round-robin to the virtual nodes, 8 at a time.</summary>
    public async Task CreatePodsAsync(CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, Options.Pods), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                V1Pod pod = Pod(i, Silo.Nodes[i % Silo.Nodes.Count]);
                TrackedPod tracked = Tracker.Get(pod.Metadata.Name);
                lock (tracked.Gate)
                {
                    tracked.CreatedAt = Stopwatch.GetTimestamp();
                }

                await Client.CoreV1.CreateNamespacedPodAsync(pod, PodTracker.Namespace, cancellationToken: ct);
            });
    }

    /// <summary>A small one-container pod (0.25 vCPU, 512 MiB: ECI's smallest spec) bound to <paramref name="node"/>.</summary>
    private static V1Pod Pod(int i, string node) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"bench-{i:D5}",
            NamespaceProperty = PodTracker.Namespace,
            Labels = new Dictionary<string, string> { [PodTracker.Label] = PodTracker.LabelValue },
        },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Tolerations = [new V1Toleration { Key = "virtual-kubelet.io/provider", OperatorProperty = "Exists" }],
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = "nginx:1.27",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("512Mi") } },
                },
            ],
        },
    };
}
