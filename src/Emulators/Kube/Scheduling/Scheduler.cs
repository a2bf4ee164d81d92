using System.Text.Json.Nodes;

using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Controllers;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Pods;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// The scheduler: binds pending pods that ask for <c>default-scheduler</c> (pods created with <c>spec.nodeName</c>, gated
/// or being deleted are left alone) to the best node, through the binding subresource's semantics, and records a
/// <c>Scheduled</c> event. A pod that fits nowhere gets <c>PodScheduled=False</c> (reason Unschedulable) and a
/// <c>FailedScheduling</c> event with kube-scheduler's message, and waits until a node or a bound pod changes in a way
/// that could make room (the scheduling queue's unschedulable pods, moved on cluster events). No preemption.
/// </summary>
public sealed class Scheduler : ControllerLoop<string>
{
    private const string Component = SchedulerOptions.DefaultSchedulerName;
    private readonly SchedulingCache _cache = new();
    private readonly NodeReader _nodeReader;
    private readonly EventRecorder _events;
    private readonly Random _random;
    private readonly ResourceType _pods;
    private readonly ResourceType _nodes;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _unschedulable = new(StringComparer.Ordinal);
    private long _moves;

    public Scheduler(ResourceService service, EventRecorder events, TimeProvider time, Random random, ILogger<Scheduler> logger)
        : base("scheduler", service, time, logger)
    {
        _events = events;
        _random = random;
        _nodes = service.Registry.Get("", "nodes");
        _pods = service.Registry.Get("", "pods");
        _nodeReader = new NodeReader(service.Store, _nodes);
        Watch(_nodes);
        Watch(_pods);
    }

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _nodes))
        {
            OnNodeEvent(change);
        }
        else
        {
            OnPodEvent(change);
        }
    }

    protected override void OnRelist(ResourceType type)
    {
        if (ReferenceEquals(type, _nodes))
        {
            _nodeReader.Reset();
        }
        else
        {
            _cache.ClearPods();
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = SplitKey(key);
        if (Service.Find(_pods, ns, name) is not { } stored)
        {
            ForgetUnschedulable(key);
            return;
        }

        var pod = Typed.Read<V1Pod>(stored);
        if (!Schedulable(pod))
        {
            ForgetUnschedulable(key);
            return;
        }

        long moves;
        lock (_gate)
        {
            moves = _moves;
        }

        ScheduleResult result;
        var nodes = _cache.Snapshot(_nodeReader.ReadAll());
        lock (_random)
        {
            result = SchedulingAlgorithm.Schedule(pod.Spec, nodes, _random);
        }

        if (result.NodeName is { } node)
        {
            await BindAsync(key, pod, node, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RecordFailureAsync(key, pod, result.FailureMessage!, moves, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnNodeEvent(WatchEvent change)
    {
        if (_nodeReader.Changed(change.Object, change.Type == WatchEventType.Deleted))
        {
            MoveAllToActive();
        }
    }

    private void OnPodEvent(WatchEvent change)
    {
        var pod = change.Object;
        var key = pod.Key;
        var node = pod.Fields.GetValueOrDefault("spec.nodeName") ?? "";
        var terminated = pod.Fields.GetValueOrDefault("status.phase") is "Succeeded" or "Failed";
        if (change.Type == WatchEventType.Deleted || (node.Length > 0 && terminated))
        {
            ForgetUnschedulable(key);
            if (_cache.RemovePod(key))
            {
                MoveAllToActive();
            }

            return;
        }

        if (node.Length > 0)
        {
            ForgetUnschedulable(key);
            if (!_cache.Has(key, pod.Uid, node))
            {
                _cache.SetPod(key, Entry(Typed.Read<V1Pod>(pod), node));
            }

            return;
        }

        if (pod.Fields.GetValueOrDefault("spec.schedulerName") != SchedulerOptions.DefaultSchedulerName)
        {
            return;
        }

        lock (_gate)
        {
            if (_unschedulable.TryGetValue(key, out var generation) && generation == Typed.Read<V1Pod>(pod).Metadata.Generation)
            {
                // Only our own status write, or nothing that could change the outcome.
                return;
            }

            _unschedulable.Remove(key);
        }

        Queue.Add(key);
    }

    private async Task BindAsync(string key, V1Pod pod, string node, CancellationToken cancellationToken)
    {
        try
        {
            BindingSubresource.Bind(Service, pod.Metadata.NamespaceProperty, pod.Metadata.Name, node);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Bound meanwhile (someone else set nodeName) or being deleted: nothing left to schedule.
            return;
        }

        _cache.SetPod(key, Entry(pod, node));
        SchedulerLog.Bound(Logger, key, node);
        await _events.RecordAsync(Component, pod, EventRecorder.Normal, "Scheduled",
            $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {node}", cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordFailureAsync(string key, V1Pod pod, string message, long moves, CancellationToken cancellationToken)
    {
        var retry = false;
        lock (_gate)
        {
            if (_moves != moves)
            {
                // The cluster changed while this cycle ran: try again rather than wait for the next change.
                retry = true;
            }
            else
            {
                _unschedulable[key] = pod.Metadata.Generation ?? 0;
            }
        }

        SchedulerLog.Unschedulable(Logger, key, message);
        var now = Meta.FormatTime(Now);
        try
        {
            await Service.UpdateWithAsync(_pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, obj =>
            {
                if (Meta.Uid(obj) == pod.Metadata.Uid && string.IsNullOrEmpty(KubeJson.GetString(obj, "spec", "nodeName")))
                {
                    SetUnschedulable(KubeJson.GetOrAddObject(obj, "status"), message, now);
                }

                return obj;
            }, WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            ForgetUnschedulable(key);
            return;
        }

        await _events.RecordAsync(Component, pod, EventRecorder.Warning, "FailedScheduling", message, cancellationToken).ConfigureAwait(false);
        if (retry)
        {
            Queue.Add(key);
        }
    }

    /// <summary>PodScheduled=False, reason Unschedulable; lastTransitionTime kept while it stays False.</summary>
    private static void SetUnschedulable(JsonObject status, string message, string now)
    {
        var previous = Conditions.Find(status, "PodScheduled");
        var since = KubeJson.GetString(previous, "status") == "False" ? KubeJson.GetString(previous, "lastTransitionTime") ?? now : now;
        Conditions.Put(status, new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since,
            ["reason"] = "Unschedulable",
            ["message"] = message,
        });
    }

    private static bool Schedulable(V1Pod pod) =>
        string.IsNullOrEmpty(pod.Spec.NodeName)
        && pod.Metadata.DeletionTimestamp is null
        && (pod.Spec.SchedulerName ?? SchedulerOptions.DefaultSchedulerName) == SchedulerOptions.DefaultSchedulerName
        && pod.Spec.SchedulingGates is not { Count: > 0 }
        && pod.Status?.Phase is not ("Succeeded" or "Failed");

    private static PodEntry Entry(V1Pod pod, string node) =>
        new(pod.Metadata.Uid, node, PodRequests.Of(pod.Spec), PodRequests.Of(pod.Spec, nonZero: true), HostPort.Of(pod.Spec));

    private void MoveAllToActive()
    {
        List<string> keys;
        lock (_gate)
        {
            _moves++;
            keys = [.. _unschedulable.Keys];
            _unschedulable.Clear();
        }

        foreach (var key in keys)
        {
            Queue.Add(key);
        }
    }

    private void ForgetUnschedulable(string key)
    {
        lock (_gate)
        {
            _unschedulable.Remove(key);
        }
    }

    private static (string Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
