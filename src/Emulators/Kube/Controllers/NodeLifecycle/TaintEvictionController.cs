using System.Collections.Concurrent;
using System.Text.Json.Nodes;

using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Scheduling;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.NodeLifecycle;

/// <summary>
/// Taint-based eviction (pkg/controller/tainteviction/taint_eviction.go): a pod on a node with NoExecute taints it does
/// not tolerate is deleted at once; one that tolerates them all is deleted when the shortest tolerationSeconds of the
/// tolerations used has passed since the taint was added (never when none sets tolerationSeconds). The pod gets the
/// DisruptionTarget condition and a TaintManagerEviction event, then a graceful delete.
/// </summary>
public sealed class TaintEvictionController : ControllerLoop<string>
{
    private const string Component = "taint-eviction-controller";
    private const string NodePrefix = "node:";
    private readonly EventRecorder _events;
    private readonly ResourceType _nodes;
    private readonly ResourceType _pods;
    private readonly ConcurrentDictionary<string, string> _noExecute = new(StringComparer.Ordinal);

    public TaintEvictionController(ResourceService service, EventRecorder events, TimeProvider time, ILogger<TaintEvictionController> logger)
        : base(Component, service, time, logger)
    {
        _events = events;
        _nodes = service.Registry.Get("", "nodes");
        _pods = service.Registry.Get("", "pods");
        Watch(_nodes);
        Watch(_pods);
    }

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _nodes))
        {
            var taints = change.Type == WatchEventType.Deleted ? "" : NoExecuteTaints(change.Object.ToJson());
            var before = _noExecute.GetValueOrDefault(change.Object.Name) ?? "";
            if (taints.Length == 0)
            {
                _noExecute.TryRemove(change.Object.Name, out _);
            }
            else
            {
                _noExecute[change.Object.Name] = taints;
            }

            if (taints != before && taints.Length > 0)
            {
                Queue.Add(NodePrefix + change.Object.Name);
            }

            return;
        }

        if (change.Type != WatchEventType.Deleted && _noExecute.ContainsKey(change.Object.Fields.GetValueOrDefault("spec.nodeName") ?? ""))
        {
            Queue.Add(change.Object.Key);
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        if (key.StartsWith(NodePrefix, StringComparison.Ordinal))
        {
            var node = key[NodePrefix.Length..];
            foreach (var onNode in Service.Store.Snapshot(_pods).Items.Values.Where(p => p.Fields.GetValueOrDefault("spec.nodeName") == node))
            {
                Queue.Add(onNode.Key);
            }

            return;
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (Service.Find(_pods, key[..slash], key[(slash + 1)..]) is not { } stored)
        {
            return;
        }

        var pod = Typed.Read<V1Pod>(stored);
        if (string.IsNullOrEmpty(pod.Spec.NodeName) || pod.Metadata.DeletionTimestamp is not null || pod.Status?.Phase is "Succeeded" or "Failed"
            || Service.Find(_nodes, null, pod.Spec.NodeName) is not { } nodeStored)
        {
            return;
        }

        var taints = (Typed.Read<V1Node>(nodeStored).Spec?.Taints ?? []).Where(t => t.Effect == Tolerations.NoExecute).ToList();
        if (taints.Count == 0)
        {
            return;
        }

        var due = EvictionTime(pod, taints);
        if (due is null)
        {
            return;
        }

        if (due > Now)
        {
            Queue.AddAt(key, due.Value);
            return;
        }

        await EvictAsync(pod, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the pod must go: now for an untolerated taint, taint time + the least tolerationSeconds, or null (tolerated forever).</summary>
    private DateTimeOffset? EvictionTime(V1Pod pod, List<V1Taint> taints)
    {
        var used = new List<V1Toleration>();
        foreach (var taint in taints)
        {
            var toleration = pod.Spec.Tolerations?.FirstOrDefault(t => Tolerations.Tolerates(t, taint));
            if (toleration is null)
            {
                return Now;
            }

            used.Add(toleration);
        }

        var seconds = used.Where(t => t.TolerationSeconds is not null).Select(t => Math.Max(0, t.TolerationSeconds!.Value)).DefaultIfEmpty(-1).Min();
        if (seconds < 0)
        {
            return null;
        }

        var since = taints.Select(t => Typed.Time(t.TimeAdded)).Where(t => t is not null).Min() ?? Now;
        return since.AddSeconds(seconds);
    }

    private async Task EvictAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        var now = Meta.FormatTime(Now);
        try
        {
            var marked = await Service.UpdateWithAsync(_pods, ns, name, obj =>
            {
                if (Meta.Uid(obj) == pod.Metadata.Uid)
                {
                    Conditions.Put(KubeJson.GetOrAddObject(obj, "status"), new JsonObject
                    {
                        ["type"] = "DisruptionTarget",
                        ["status"] = "True",
                        ["lastProbeTime"] = null,
                        ["lastTransitionTime"] = now,
                        ["reason"] = "DeletionByTaintManager",
                        ["message"] = "Taint manager: deleting due to NoExecute taint",
                    });
                }

                return obj;
            }, WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);
            await _events.RecordAsync(Component, marked.Object.ToJson(), EventRecorder.Normal, "TaintManagerEviction", $"Marking for deletion Pod {ns}/{name}", cancellationToken)
                .ConfigureAwait(false);
            await Service.DeleteAsync(_pods, ns, name, new DeleteOptions { PreconditionUid = pod.Metadata.Uid }, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone or replaced meanwhile.
        }
    }

    private static string NoExecuteTaints(JsonObject node) =>
        string.Join(",", ((node["spec"] as JsonObject)?["taints"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(t => KubeJson.GetString(t, "effect") == Tolerations.NoExecute).Select(t => t.ToJsonString()));
}
