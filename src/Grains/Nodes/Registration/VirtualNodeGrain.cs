using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Kubernetes;
using OrleansEci.Grains.Nodes.Watch;
using OrleansEci.Grains.Polling;

namespace OrleansEci.Grains.Nodes.Registration;

/// <summary>
/// One virtual node (see <see cref="IVirtualNodeGrain"/>): registers the Node (re-creating it if someone deletes it),
/// renews its Lease every <see cref="VirtualKubeletOptions.LeaseRenewInterval"/>, writes its status when it changes or
/// every <see cref="VirtualKubeletOptions.StatusUpdateInterval"/>, and runs the pod watch beside itself.
/// </summary>
[KeepAlive]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The watch is disposed in OnDeactivateAsync, the grain's end of life.")]
internal sealed partial class VirtualNodeGrain(
    IKubernetes kube,
    IOptions<VirtualKubeletOptions> options,
    IOptions<KubeClientOptions> kubeOptions,
    SiloDeaths siloDeaths,
    TimeProvider time,
    ILogger<VirtualNodeGrain> log) : Grain, IVirtualNodeGrain
{
    /// <summary>How often the watch lists again although nothing went wrong, so every pod grain is visited.</summary>
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(15);

    private VirtualNodeDefinition _node = null!;
    private PodWatch? _watch;
    private IDisposable? _deaths;
    private IGrainTimer? _leaseTimer;
    private IGrainTimer? _statusTimer;
    private V1NodeStatus? _written;
    private DateTimeOffset? _writtenAt;
    private string? _nodeUid;
    private DateTimeOffset? _lastLease;
    private bool _registered;
    private DateTimeOffset? _quotaExhaustedAt;

    /// <summary>How long "the account's vCPU quota is used up" is believed after ECI said so; then creates are tried again.</summary>
    private static readonly TimeSpan QuotaKnowledge = TimeSpan.FromMinutes(5);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        string name = this.GetPrimaryKeyString();
        _node = options.Value.ResolveNodes().FirstOrDefault(n => n.Name == name)
            ?? throw new InvalidOperationException($"Virtual node {name} is not configured (VirtualKubelet:Nodes).");
        TimeSpan renew = options.Value.LeaseRenewInterval;
        _leaseTimer = this.RegisterGrainTimer(static (self, ct) => self.RenewLeaseAsync(ct), this, new GrainTimerCreationOptions(renew, renew) { KeepAlive = true });
        TimeSpan check = TimeSpan.FromTicks(Math.Min(renew.Ticks, options.Value.StatusUpdateInterval.Ticks));
        _statusTimer = this.RegisterGrainTimer(static (self, ct) => self.UpdateStatusAsync(ct), this, new GrainTimerCreationOptions(check, check) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _leaseTimer?.Dispose();
        _statusTimer?.Dispose();
        _deaths?.Dispose();
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }

    public async Task EnsureRunning()
    {
        if (!_registered)
        {
            await RegisterAsync(CancellationToken.None);
            await RenewLeaseAsync(CancellationToken.None);
        }

        // The cluster's poller must run wherever pods are; activating it is idempotent.
        await GrainFactory.GetGrain<IStatusPollerGrain>(_node.ClusterId).GetState();
        if (_watch is null)
        {
            _watch = new PodWatch(_node.Name, kube, GrainFactory, kubeOptions.Value.DispatchParallelism, Resync, time, log);
            _watch.Start();
            _deaths = siloDeaths.Subscribe(_watch.RequestRelist);
        }
    }

    public async Task ReportAccountQuotaExhausted()
    {
        bool first = _quotaExhaustedAt is null;
        _quotaExhaustedAt = time.GetUtcNow();
        if (first)
        {
            LogQuotaExhausted(log, _node.Name);
            await UpdateStatusAsync(CancellationToken.None);
        }
    }

    /// <summary>The configured quota, shrunk to what the node's pods request while the account quota is known used up.</summary>
    private NodeCapacity Capacity()
    {
        if (_quotaExhaustedAt is { } at && time.GetUtcNow() - at > QuotaKnowledge)
        {
            _quotaExhaustedAt = null;
        }

        if (_quotaExhaustedAt is null)
        {
            return _node.Quota;
        }

        decimal requested = _watch?.RequestedCpu ?? 0;
        return _node.Quota.ShrinkToAccount(new EciAccountQuota(requested, requested), requested, options.Value.AccountQuotaShrinkThreshold);
    }

    public Task<VirtualNodeState> GetState() => Task.FromResult(new VirtualNodeState(_node.Name, _registered, _watch?.Pods ?? 0, _lastLease, _writtenAt,
        _watch?.ResourceVersion, _watch?.Restarts ?? 0));

    /// <summary>Creates the Node, or brings an existing one's labels, taints and status in line.</summary>
    private async Task RegisterAsync(CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        V1Node desired = NodeManifest.Build(_node, _node.Quota, NodeReadiness.Ready, now);
        V1Node node;
        try
        {
            V1Node existing = await kube.CoreV1.ReadNodeAsync(_node.Name, cancellationToken: ct);
            existing.Metadata.Labels = Merge(existing.Metadata.Labels, desired.Metadata.Labels);
            existing.Spec ??= new V1NodeSpec();
            existing.Spec.Taints = [.. (existing.Spec.Taints ?? []).Where(t => t.Key != _node.TaintKey), .. desired.Spec.Taints ?? []];
            node = await kube.CoreV1.ReplaceNodeAsync(existing, _node.Name, cancellationToken: ct);
            LogAdopted(log, _node.Name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            node = await kube.CoreV1.CreateNodeAsync(desired, cancellationToken: ct);
            LogRegistered(log, _node.Name);
        }

        _nodeUid = node.Metadata.Uid;
        _registered = true;
        _written = null;
        await UpdateStatusAsync(ct);
    }

    private async Task UpdateStatusAsync(CancellationToken ct)
    {
        if (!_registered)
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        NodeCapacity capacity = Capacity();
        V1NodeStatus desired = NodeManifest.Status(_node, capacity, NodeReadiness.Ready, now, _written);
        if (!NodeManifest.NeedsStatusWrite(_written, desired, now, options.Value.StatusUpdateInterval))
        {
            return;
        }

        try
        {
            await kube.CoreV1.PatchNodeStatusAsync(NodeManifest.StatusPatch(_node, capacity, NodeReadiness.Ready, now, _written), _node.Name, cancellationToken: ct);
            _written = desired;
            _writtenAt = now;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            LogNodeDeleted(log, _node.Name);
            _registered = false;
            await RegisterAsync(ct);
        }
    }

    private async Task RenewLeaseAsync(CancellationToken ct)
    {
        if (!_registered)
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        try
        {
            V1Lease lease = await kube.CoordinationV1.ReadNamespacedLeaseAsync(_node.Name, NodeLease.Namespace, cancellationToken: ct);
            await kube.CoordinationV1.ReplaceNamespacedLeaseAsync(NodeLease.Renew(lease, _nodeUid, now, options.Value.LeaseDuration), _node.Name, NodeLease.Namespace,
                cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            await kube.CoordinationV1.CreateNamespacedLeaseAsync(NodeLease.Build(_node.Name, _nodeUid, now, options.Value.LeaseDuration), NodeLease.Namespace,
                cancellationToken: ct);
        }

        _lastLease = now;
    }

    private static Dictionary<string, string> Merge(IDictionary<string, string>? existing, IDictionary<string, string>? desired)
    {
        var merged = new Dictionary<string, string>(existing ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (k, v) in desired ?? new Dictionary<string, string>())
        {
            merged[k] = v;
        }

        return merged;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Registered virtual node {NodeName}")]
    private static partial void LogRegistered(ILogger logger, string nodeName);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Virtual node {NodeName} already exists; labels, taints and status brought in line")]
    private static partial void LogAdopted(ILogger logger, string nodeName);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "ECI says the account's vCPU quota is used up; node {NodeName}'s allocatable CPU shrinks to what its pods request")]
    private static partial void LogQuotaExhausted(ILogger logger, string nodeName);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Node {NodeName} was deleted by someone; registering it again")]
    private static partial void LogNodeDeleted(ILogger logger, string nodeName);
}
