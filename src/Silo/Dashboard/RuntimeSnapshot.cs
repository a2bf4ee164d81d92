using System.Diagnostics.Metrics;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Orleans.Runtime;

using OrleansEci.Grains.Diagnostics;
using OrleansEci.Grains.Kubernetes;
using OrleansEci.Grains.Nodes;

namespace OrleansEci.Silo.Dashboard;

/// <summary>
/// A silo-local picture of the cluster, read every <see cref="DashboardUiOptions.SnapshotInterval"/>: each virtual
/// node's grain state and pod counts (one call per node to its grain and its pod index, never one per pod) and the
/// silos. The dashboard's overview and the pods-per-phase gauges (meter <see cref="MeterName"/>, <c>orleanseci_silo_*</c> in Prometheus) read the last picture,
/// so a scrape or a page view never calls a grain.
/// </summary>
internal sealed partial class RuntimeSnapshot : BackgroundService
{
    public const string MeterName = "OrleansEci.Silo";

    private readonly IGrainFactory _grains;
    private readonly VirtualKubeletOptions _nodes;
    private readonly DashboardUiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RuntimeSnapshot> _log;
    private Snapshot _last = Snapshot.Empty;

    public RuntimeSnapshot(IGrainFactory grains, IOptions<VirtualKubeletOptions> nodes, IOptions<DashboardUiOptions> options, TimeProvider time,
        IMeterFactory meters, KubeRequestCounters kube, ILogger<RuntimeSnapshot> log)
    {
        _grains = grains;
        _nodes = nodes.Value;
        _options = options.Value;
        _time = time;
        _log = log;
        Meter meter = meters.Create(MeterName);
        meter.CreateObservableGauge("node.pods", () => Last.Nodes.SelectMany(n => n.PodsByPhase.Select(p =>
            new Measurement<int>(p.Value, new KeyValuePair<string, object?>("node", n.Name), new KeyValuePair<string, object?>("phase", p.Key)))),
            "{pod}", "Pods of each virtual node by phase (as last written to Kubernetes), from the silo's snapshot.");
        meter.CreateObservableGauge("node.ready", () => Last.Nodes.Select(n =>
            new Measurement<int>(n.Ready ? 1 : 0, new KeyValuePair<string, object?>("node", n.Name))), null, "1 when the virtual node is registered and its lease is current.");
        meter.CreateObservableGauge("node.pod_errors", () => Last.Nodes.Select(n =>
            new Measurement<int>(n.PodsWithErrors, new KeyValuePair<string, object?>("node", n.Name))), "{pod}", "Pods whose last create or status step failed.");
        meter.CreateObservableCounter("kubernetes.requests", () => new[]
        {
            new Measurement<long>(kube.Reads, new KeyValuePair<string, object?>("kind", "read")),
            new Measurement<long>(kube.Writes - kube.Events, new KeyValuePair<string, object?>("kind", "write")),
            new Measurement<long>(kube.Events, new KeyValuePair<string, object?>("kind", "event")),
            new Measurement<long>(kube.Watches, new KeyValuePair<string, object?>("kind", "watch")),
        }, "{request}", "Requests of this silo to the API server by kind (reads, writes, events posted, watches opened).");
        meter.CreateObservableCounter("kubernetes.budget_waits", () => kube.ThrottledWaits, "{request}",
            "Requests of this silo that waited for the Kubernetes QPS budget.");
    }

    /// <summary>The last picture read (never null; <see cref="Snapshot.Empty"/> before the first).</summary>
    public Snapshot Last => Volatile.Read(ref _last);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SnapshotInterval, _time);
        do
        {
            try
            {
                Volatile.Write(ref _last, await ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Silos still joining, a grain call timing out: the last picture stays, saying why it is old.
                LogReadFailed(_log, e);
                Volatile.Write(ref _last, Last with { Problem = $"{e.GetType().Name}: {e.Message}" });
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads every configured node (in parallel) and the silos.</summary>
    public async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var nodes = await Task.WhenAll(_nodes.ResolveNodes().Select(n => ReadNodeAsync(n, now)));
        var hosts = await _grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false, cancellationToken);
        var silos = hosts.Select(h => new SiloView(h.SiloAddress.ToString(), h.SiloName, h.HostName, h.Status.ToString(), new DateTimeOffset(h.StartTime, TimeSpan.Zero)))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        return new Snapshot(now, nodes, silos, null);
    }

    private async Task<NodeView> ReadNodeAsync(VirtualNodeDefinition node, DateTimeOffset now)
    {
        var empty = new NodeView(node.Name, node.Zones, false, false, null, null, 0, 0, new Dictionary<string, int>(), 0, 0,
            node.Quota.Cpu.ToString(), node.Quota.Memory.ToString(), node.Quota.Pods.ToString(), null);
        try
        {
            VirtualNodeState state = await _grains.GetGrain<IVirtualNodeGrain>(node.Name).GetState();
            NodePodCounts counts = await _grains.GetGrain<IPodIndexGrain>(node.Name).Counts();
            bool ready = state.Registered && state.LastLeaseRenewal is { } lease && now - lease <= _nodes.LeaseDuration;
            return empty with
            {
                Registered = state.Registered,
                Ready = ready,
                LastLeaseRenewal = state.LastLeaseRenewal,
                LastStatusUpdate = state.LastStatusUpdate,
                WatchRestarts = state.WatchRestarts,
                WatchedPods = state.Pods,
                PodsByPhase = counts.ByPhase,
                PodsWithErrors = counts.Errors,
                IndexedPods = counts.Total,
            };
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            return empty with { Problem = $"{e.GetType().Name}: {e.Message}" };
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "The dashboard's snapshot of the cluster could not be read; the last one is kept")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
