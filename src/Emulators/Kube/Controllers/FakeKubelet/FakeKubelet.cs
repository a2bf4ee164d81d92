using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

/// <summary>
/// A kubelet for nodes annotated <c>kwok.x-k8s.io/node: fake</c>, in the manner of KWOK (https://kwok.sigs.k8s.io):
/// it renews the node's Lease in kube-node-lease and keeps its conditions Ready (filling addresses and capacity when
/// missing), marks pods bound there Running and Ready with a pod IP (no container runs), lets pods owned by a Job
/// succeed, and finishes graceful deletion by deleting the pod with grace 0 and a UID precondition once its grace
/// period is over (or after <see cref="FakeKubeletOptions.TerminationDelay"/>).
/// </summary>
public sealed partial class FakeKubelet : ControllerLoop<string>
{
    private const string NodePrefix = "node:";
    private const string PodPrefix = "pod:";
    private const string LeaseNamespace = "kube-node-lease";
    private readonly FakeKubeletOptions _options;
    private readonly ResourceType _nodes;
    private readonly ResourceType _pods;
    private readonly ResourceType _leases;
    private readonly AddressPool _podIps;
    private readonly AddressPool _nodeIps = new("172.18.0.0/16");
    private readonly ConcurrentDictionary<string, byte> _managed = new(StringComparer.Ordinal);
    private ITimer? _renewal;

    public FakeKubelet(ResourceService service, ControllerOptions options, TimeProvider time, ILogger<FakeKubelet> logger)
        : base("fake-kubelet", service, time, logger)
    {
        _options = options.FakeKubelet;
        _podIps = new AddressPool(_options.PodCidr);
        _nodes = service.Registry.Get("", "nodes");
        _pods = service.Registry.Get("", "pods");
        _leases = service.Registry.Get("coordination.k8s.io", "leases");
        Watch(_nodes);
        Watch(_pods);
    }

    /// <summary>Whether a node is simulated by this kubelet.</summary>
    public static bool IsSimulated(JsonObject node) =>
        KubeJson.GetString(node, "metadata", "annotations", FakeKubeletOptions.NodeAnnotation) == FakeKubeletOptions.NodeAnnotationValue;

    protected override void OnStarted() =>
        _renewal = Time.CreateTimer(_ => RenewAll(), null, _options.RenewInterval, _options.RenewInterval);

    protected override void OnStopped() => _renewal?.Dispose();

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _nodes))
        {
            OnNodeEvent(change);
            return;
        }

        var pod = change.Object;
        if (change.Type == WatchEventType.Deleted)
        {
            _podIps.Release(pod.Key);
            return;
        }

        if (_managed.ContainsKey(pod.Fields.GetValueOrDefault("spec.nodeName") ?? ""))
        {
            if (change.Type == WatchEventType.Added && pod.Fields.GetValueOrDefault("status.podIP") is { Length: > 0 } ip)
            {
                _podIps.Reserve(pod.Key, ip);
            }

            Queue.Add(PodPrefix + pod.Key);
        }
    }

    protected override Task SyncAsync(string key, CancellationToken cancellationToken) =>
        key.StartsWith(NodePrefix, StringComparison.Ordinal)
            ? SyncNodeAsync(key[NodePrefix.Length..], cancellationToken)
            : SyncPodAsync(key, key[PodPrefix.Length..], cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _renewal?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void OnNodeEvent(WatchEvent change)
    {
        var name = change.Object.Name;
        if (change.Type == WatchEventType.Deleted || !IsSimulated(change.Object.ToJson()))
        {
            if (_managed.TryRemove(name, out _))
            {
                _nodeIps.Release(name);
            }

            return;
        }

        if (!_managed.TryAdd(name, 0))
        {
            return;
        }

        Queue.Add(NodePrefix + name);
        foreach (var pod in Service.Store.Snapshot(_pods).Items.Values.Where(p => p.Fields.GetValueOrDefault("spec.nodeName") == name))
        {
            Queue.Add(PodPrefix + pod.Key);
        }
    }

    private void RenewAll()
    {
        foreach (var name in _managed.Keys)
        {
            Queue.Add(NodePrefix + name);
        }
    }

    private async Task SyncNodeAsync(string name, CancellationToken cancellationToken)
    {
        if (Service.Find(_nodes, null, name) is not { } stored || !IsSimulated(stored.ToJson()))
        {
            return;
        }

        await RenewLeaseAsync(stored, cancellationToken).ConfigureAwait(false);
        var now = Now;
        await Service.UpdateWithAsync(_nodes, null, name, node => SimulatedNodeStatus.Apply(node, now, _options.NodeStatusReportInterval, () => _nodeIps.Allocate(name)),
            WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or renews the node's Lease, as the kubelet's lease controller does every quarter of its duration.</summary>
    private async Task RenewLeaseAsync(StoredObject node, CancellationToken cancellationToken)
    {
        var renewTime = Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var existing = Service.Find(_leases, LeaseNamespace, node.Name);
        if (existing is null)
        {
            var lease = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = node.Name,
                    ["namespace"] = LeaseNamespace,
                    ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node.Name, ["uid"] = node.Uid }),
                },
                ["spec"] = new JsonObject
                {
                    ["holderIdentity"] = node.Name,
                    ["leaseDurationSeconds"] = (int)_options.LeaseDuration.TotalSeconds,
                    ["renewTime"] = renewTime,
                },
            };
            try
            {
                await Service.CreateAsync(_leases, LeaseNamespace, lease, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Created meanwhile (another kubelet instance or a restart): renew it below.
            }
        }

        await Service.UpdateWithAsync(_leases, LeaseNamespace, node.Name, lease =>
        {
            var spec = KubeJson.GetOrAddObject(lease, "spec");
            spec["holderIdentity"] = node.Name;
            spec["leaseDurationSeconds"] = (int)_options.LeaseDuration.TotalSeconds;
            spec["renewTime"] = renewTime;
            return lease;
        }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
    }
}
