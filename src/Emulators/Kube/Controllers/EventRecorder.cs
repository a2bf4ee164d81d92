using System.Globalization;
using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>
/// Records core/v1 Events about objects, as client-go's record.EventRecorder does for controllers and the scheduler
/// (k8s.io/client-go/tools/record/event.go, events_cache.go): the Event is named <c>&lt;object&gt;.&lt;hex unix nanos&gt;</c>
/// in the object's namespace (<c>default</c> for cluster-scoped objects), with <c>source.component</c> and
/// <c>reportingComponent</c> set to the component, and <c>firstTimestamp</c>/<c>lastTimestamp</c>/<c>count</c>. A repeat of
/// the same event (same object, type, reason and message) within 10 minutes bumps <c>count</c> and <c>lastTimestamp</c> of
/// the existing Event instead, which <c>kubectl describe</c> shows as "(x3 over 2m)". Failures are logged, never thrown.
/// </summary>
public sealed class EventRecorder
{
    private const int MaxRemembered = 4096;
    private static readonly TimeSpan AggregationWindow = TimeSpan.FromMinutes(10);
    private readonly ResourceService _service;
    private readonly TimeProvider _time;
    private readonly ILogger<EventRecorder> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Recorded> _recent = new(StringComparer.Ordinal);
    private long _lastNanos;

    public EventRecorder(ResourceService service, TimeProvider time, ILogger<EventRecorder> logger)
    {
        _service = service;
        _time = time;
        _logger = logger;
    }

    public const string Normal = "Normal";

    public const string Warning = "Warning";

    /// <summary>Records an event about <paramref name="involved"/> (an object as stored, with kind, apiVersion and metadata).</summary>
    public async Task RecordAsync(string component, JsonObject involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var reference = Reference(involved);
        var ns = KubeJson.GetString(reference, "namespace") is { Length: > 0 } objectNamespace ? objectNamespace : "default";
        var key = string.Join('\0', component, ns, KubeJson.GetString(reference, "uid"), KubeJson.GetString(reference, "name"), type, reason, message);
        try
        {
            if (await TryBumpAsync(key, ns, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var name = $"{KubeJson.GetString(reference, "name")}.{NextSuffix()}";
            var now = Meta.FormatTime(_time.GetUtcNow());
            var ev = new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["involvedObject"] = reference,
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = new JsonObject { ["component"] = component },
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["count"] = 1,
                ["type"] = type,
                ["eventTime"] = null,
                ["reportingComponent"] = component,
                ["reportingInstance"] = "",
            };
            await _service.CreateAsync(_service.Registry.Get("", "events"), ns, ev, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            Remember(key, new Recorded(name, 1, _time.GetUtcNow()));
        }
        catch (Exception e) when (e is ApiException or InvalidOperationException)
        {
            ControllerLog.EventNotRecorded(_logger, component, reason, $"{ns}/{KubeJson.GetString(reference, "name")}", e);
        }
    }

    /// <summary>Records an event about a typed object read from the store (its kind and apiVersion are set).</summary>
    public Task RecordAsync(string component, IKubernetesObject<V1ObjectMeta> involved, string type, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(component, new JsonObject
        {
            ["kind"] = involved.Kind,
            ["apiVersion"] = involved.ApiVersion,
            ["metadata"] = new JsonObject
            {
                ["namespace"] = involved.Metadata.NamespaceProperty,
                ["name"] = involved.Metadata.Name,
                ["uid"] = involved.Metadata.Uid,
                ["resourceVersion"] = involved.Metadata.ResourceVersion,
            },
        }, type, reason, message, cancellationToken);

    /// <summary>An ObjectReference to the object (kind, namespace, name, uid, apiVersion, resourceVersion).</summary>
    public static JsonObject Reference(JsonObject obj)
    {
        var reference = new JsonObject
        {
            ["kind"] = KubeJson.GetString(obj, "kind"),
            ["namespace"] = Meta.Namespace(obj),
            ["name"] = Meta.Name(obj),
            ["uid"] = Meta.Uid(obj),
            ["apiVersion"] = KubeJson.GetString(obj, "apiVersion"),
            ["resourceVersion"] = Meta.ResourceVersion(obj),
        };
        foreach (var empty in reference.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            reference.Remove(empty);
        }

        return reference;
    }

    private async Task<bool> TryBumpAsync(string key, string ns, CancellationToken cancellationToken)
    {
        Recorded? previous;
        lock (_gate)
        {
            _recent.TryGetValue(key, out previous);
        }

        if (previous is null || _time.GetUtcNow() - previous.First > AggregationWindow)
        {
            return false;
        }

        var count = previous.Count + 1;
        var now = Meta.FormatTime(_time.GetUtcNow());
        try
        {
            await _service.UpdateWithAsync(_service.Registry.Get("", "events"), ns, previous.Name, ev =>
            {
                ev["count"] = count;
                ev["lastTimestamp"] = now;
                return ev;
            }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return false;
        }

        Remember(key, previous with { Count = count });
        return true;
    }

    private void Remember(string key, Recorded recorded)
    {
        lock (_gate)
        {
            if (_recent.Count >= MaxRemembered && !_recent.ContainsKey(key))
            {
                var cutoff = _time.GetUtcNow() - AggregationWindow;
                foreach (var stale in _recent.Where(p => p.Value.First < cutoff).Select(p => p.Key).ToList())
                {
                    _recent.Remove(stale);
                }

                if (_recent.Count >= MaxRemembered)
                {
                    _recent.Clear();
                }
            }

            _recent[key] = recorded;
        }
    }

    /// <summary>The event name's suffix: unix nanoseconds in hex, kept unique when the clock stands still (a fake clock).</summary>
    private string NextSuffix()
    {
        var nanos = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        lock (_gate)
        {
            _lastNanos = Math.Max(nanos, _lastNanos + 1);
            return _lastNanos.ToString("x", CultureInfo.InvariantCulture);
        }
    }

    private sealed record Recorded(string Name, int Count, DateTimeOffset First);
}
