using System.Collections.Concurrent;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.NodeLifecycle;

/// <summary>
/// The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go, monitorNodeHealth): a node
/// whose kubelet neither renews its Lease (kube-node-lease) nor posts status within the grace period gets every standard
/// condition set to Unknown ("Kubelet stopped posting node status."), a node that never posted status gets them after
/// the startup grace period ("Kubelet never posted node status."); nodes are tainted by their conditions (unreachable,
/// not-ready, pressure, unschedulable) and, when Ready leaves True, their pods are marked not ready. The controller
/// never sets Ready=True: the kubelet does that when it comes back, and the taints follow.
/// Health is judged from the Lease's renewTime and the Ready condition's lastHeartbeatTime (not from when this
/// controller happened to see them), so a late observation acts at once.
/// </summary>
public sealed class NodeLifecycleController : ControllerLoop<string>
{
    private const string Component = "node-controller";
    private const string LeaseNamespace = "kube-node-lease";
    private static readonly string[] StandardConditions = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];
    private readonly NodeLifecycleOptions _options;
    private readonly EventRecorder _events;
    private readonly ResourceType _nodes;
    private readonly ResourceType _leases;
    private readonly ResourceType _pods;
    private readonly ConcurrentDictionary<string, string> _observedReady = new(StringComparer.Ordinal);

    public NodeLifecycleController(ResourceService service, ControllerOptions options, EventRecorder events, TimeProvider time, ILogger<NodeLifecycleController> logger)
        : base("node-lifecycle-controller", service, time, logger)
    {
        _options = options.NodeLifecycle;
        _events = events;
        _nodes = service.Registry.Get("", "nodes");
        _leases = service.Registry.Get("coordination.k8s.io", "leases");
        _pods = service.Registry.Get("", "pods");
        Watch(_nodes);
        Watch(_leases, LeaseNamespace);
    }

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _nodes) && change.Type == WatchEventType.Deleted)
        {
            _observedReady.TryRemove(change.Object.Name, out _);
            return;
        }

        Queue.Add(change.Object.Name);
    }

    protected override async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        if (Service.Find(_nodes, null, name) is not { } stored)
        {
            return;
        }

        var node = stored.ToJson();
        var (probe, grace, neverPosted) = Probe(node, name);
        var now = Now;
        if (now > probe + grace)
        {
            node = (await Service.UpdateWithAsync(_nodes, null, name, n => MarkUnknown(n, neverPosted), WriteOptions.Default, "status", cancellationToken)
                .ConfigureAwait(false)).Object.ToJson();
        }
        else
        {
            Queue.AddAt(name, probe + grace + TimeSpan.FromSeconds(1));
        }

        await TaintAsync(name, cancellationToken).ConfigureAwait(false);
        await ObserveReadyAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last sign of life (Lease renewTime or Ready heartbeat), the grace period that applies, and whether status was ever posted.</summary>
    private (DateTimeOffset Probe, TimeSpan Grace, bool NeverPosted) Probe(JsonObject node, string name)
    {
        var renewed = Service.Find(_leases, LeaseNamespace, name) is { } lease
            ? Meta.ParseTime(KubeJson.GetString(lease.ToJson(), "spec", "renewTime"))
            : null;
        var ready = Conditions.Find(node["status"] as JsonObject, "Ready");
        if (ready is null)
        {
            var created = Meta.ParseTime(KubeJson.GetString(node, "metadata", "creationTimestamp")) ?? Now;
            return (Latest(created, renewed), _options.NodeStartupGracePeriod, true);
        }

        var heartbeat = Meta.ParseTime(KubeJson.GetString(ready, "lastHeartbeatTime"));
        return (Latest(heartbeat ?? DateTimeOffset.MinValue, renewed), _options.NodeMonitorGracePeriod, false);
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other > a ? other : a;

    /// <summary>tryUpdateNodeHealth: the standard conditions become Unknown (added as never updated when missing).</summary>
    private JsonObject MarkUnknown(JsonObject node, bool neverPosted)
    {
        var status = KubeJson.GetOrAddObject(node, "status");
        var now = Meta.FormatTime(Now);
        var created = KubeJson.GetString(node, "metadata", "creationTimestamp") ?? now;
        foreach (var type in StandardConditions)
        {
            var current = Conditions.Find(status, type);
            if (current is null)
            {
                Conditions.Put(status, new JsonObject
                {
                    ["type"] = type,
                    ["status"] = "Unknown",
                    ["lastHeartbeatTime"] = created,
                    ["lastTransitionTime"] = now,
                    ["reason"] = "NodeStatusNeverUpdated",
                    ["message"] = "Kubelet never posted node status.",
                });
            }
            else if (KubeJson.GetString(current, "status") != "Unknown")
            {
                current["status"] = "Unknown";
                current["reason"] = neverPosted ? "NodeStatusNeverUpdated" : "NodeStatusUnknown";
                current["message"] = neverPosted ? "Kubelet never posted node status." : "Kubelet stopped posting node status.";
                current["lastTransitionTime"] = now;
            }
        }

        return node;
    }

    private Task<WriteResult> TaintAsync(string name, CancellationToken cancellationToken)
    {
        var now = Meta.FormatTime(Now);
        return Service.UpdateWithAsync(_nodes, null, name, node =>
        {
            NodeTaints.Apply(node, NodeTaints.Desired(node), now);
            return node;
        }, WriteOptions.Default, null, cancellationToken);
    }

    /// <summary>When Ready leaves True: a NodeNotReady event on the node and MarkPodsNotReady for its pods.</summary>
    private async Task ObserveReadyAsync(JsonObject node, CancellationToken cancellationToken)
    {
        var name = Meta.Name(node)!;
        var ready = Conditions.StatusOf(node["status"] as JsonObject, "Ready") ?? "";
        var previous = _observedReady.GetValueOrDefault(name);
        _observedReady[name] = ready;
        if (previous != "True" || ready == "True")
        {
            return;
        }

        var reference = new JsonObject { ["kind"] = "Node", ["apiVersion"] = "v1", ["metadata"] = new JsonObject { ["name"] = name, ["uid"] = name } };
        await _events.RecordAsync(Component, reference, EventRecorder.Normal, "NodeNotReady", $"Node {name} status is now: NodeNotReady", cancellationToken).ConfigureAwait(false);
        foreach (var pod in Service.Store.Snapshot(_pods).Items.Values.Where(p => p.Fields.GetValueOrDefault("spec.nodeName") == name))
        {
            await MarkPodNotReadyAsync(pod, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MarkPodNotReadyAsync(StoredObject pod, CancellationToken cancellationToken)
    {
        var changed = false;
        var now = Meta.FormatTime(Now);
        try
        {
            var result = await Service.UpdateWithAsync(_pods, pod.Namespace, pod.Name, obj =>
            {
                var ready = Conditions.Find(obj["status"] as JsonObject, "Ready");
                changed = ready is not null && KubeJson.GetString(ready, "status") != "False" && Meta.Uid(obj) == pod.Uid;
                if (changed)
                {
                    ready!["status"] = "False";
                    ready["lastTransitionTime"] = now;
                }

                return obj;
            }, WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);
            if (changed)
            {
                await _events.RecordAsync(Component, result.Object.ToJson(), EventRecorder.Warning, "NodeNotReady", "Node is not ready", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Errors.ApiException e) when (e.Code == 404)
        {
            // Deleted meanwhile.
        }
    }
}
