using System.Net;
using System.Text;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Nodes.Watch;

/// <summary>
/// The loop beside a virtual node grain: lists the pods bound to the node, then watches from the list's
/// resourceVersion with bookmarks; on <c>410 Gone</c> (or every resync interval) it lists again and reports pods that
/// vanished meanwhile as deleted, so no event is missed. Every pod goes to its grain through a <see cref="PodDispatcher"/>.
/// When a silo of the cluster dies it lists again at once (<see cref="RequestRelist"/>): the pod grains that lived there
/// come back on the survivors only when something calls them, and a pod whose create was in flight must not wait for the
/// next resync to be resumed.
/// </summary>
internal sealed partial class PodWatch : IAsyncDisposable
{
    private readonly string _nodeName;
    private readonly IKubernetes _kube;
    private readonly PodDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly TimeSpan _resync;
    private readonly ILogger _log;
    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _requestedCpu = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _relistLock = new();
    private CancellationTokenSource _relist = new();
    private Task _loop = Task.CompletedTask;
    private long _restarts;

    public PodWatch(string nodeName, IKubernetes kube, IGrainFactory grains, int lanes, TimeSpan resync, TimeProvider time, ILogger log)
    {
        _nodeName = nodeName;
        _kube = kube;
        _dispatcher = new PodDispatcher(lanes, grains, time, log, RequestRelist);
        _resync = resync;
        _time = time;
        _log = log;
    }

    /// <summary>The resourceVersion the watch has reached.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>How many times the watch was re-listed (410, resync, errors).</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>vCPUs requested by the node's pods that are not finished (requests, else limits, per container).</summary>
    public decimal RequestedCpu { get; private set; }

    /// <summary>Pods currently bound to the node, as far as the watch knows.</summary>
    public int Pods { get; private set; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Ends the current watch and lists again, handing every pod to its grain (a no-op for grains that already have that
    /// version). Called when a silo dies; cheap (one paged list) and safe to call at any time, also during a list.
    /// </summary>
    public void RequestRelist()
    {
        lock (_relistLock)
        {
            try
            {
                _relist.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the watch is being disposed: nothing to list again
            }
        }
    }

    /// <summary>The token the next list-and-watch round ends on when <see cref="RequestRelist"/> is called.</summary>
    private CancellationToken RelistToken()
    {
        lock (_relistLock)
        {
            if (_relist.IsCancellationRequested)
            {
                _relist.Dispose();
                _relist = new CancellationTokenSource();
            }

            return _relist.Token;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _dispatcher.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _relist.Dispose();
    }

    private string FieldSelector => "spec.nodeName=" + _nodeName;

    private async Task RunAsync(CancellationToken ct)
    {
        TimeSpan backoff = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            CancellationToken relist = RelistToken();
            try
            {
                await ListAsync(ct).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
                DateTimeOffset resyncAt = _time.GetUtcNow() + _resync;
                while (!ct.IsCancellationRequested && !relist.IsCancellationRequested && _time.GetUtcNow() < resyncAt)
                {
                    if (!await WatchOnceAsync(resyncAt, relist, ct).ConfigureAwait(false))
                    {
                        break; // 410 Gone: the resourceVersion is too old, list again
                    }
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogWatchFailed(_log, _nodeName, backoff, e);
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
                backoff = backoff * 2 > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : backoff * 2;
            }

            Interlocked.Increment(ref _restarts);
        }
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var cpu = new Dictionary<string, decimal>(StringComparer.Ordinal);
        string? continueToken = null;
        string? resourceVersion = null;
        do
        {
            V1PodList page = await _kube.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: FieldSelector, limit: 500,
                continueParameter: continueToken, cancellationToken: ct).ConfigureAwait(false);
            resourceVersion ??= page.Metadata?.ResourceVersion;
            foreach (V1Pod pod in page.Items)
            {
                string key = Key(pod);
                seen[key] = pod.Metadata.Uid;
                cpu[key] = CpuOf(pod);
                await _dispatcher.DispatchAsync(key, Observation(pod, deleted: false), ct).ConfigureAwait(false);
            }

            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        foreach (var (key, uid) in _known)
        {
            if (!seen.ContainsKey(key))
            {
                await _dispatcher.DispatchAsync(key, new PodObservation(uid, "", _nodeName, true, ReadOnlyMemory<byte>.Empty), ct).ConfigureAwait(false);
            }
        }

        _known.Clear();
        foreach (var (key, uid) in seen)
        {
            _known[key] = uid;
        }

        _requestedCpu.Clear();
        foreach (var (key, vcpus) in cpu)
        {
            _requestedCpu[key] = vcpus;
        }

        Pods = _known.Count;
        RequestedCpu = _requestedCpu.Values.Sum();
        ResourceVersion = resourceVersion;
    }

    /// <summary>One watch request; false when the server said 410 Gone.</summary>
    private async Task<bool> WatchOnceAsync(DateTimeOffset until, CancellationToken relist, CancellationToken ct)
    {
        bool gone = false;
        int timeout = Math.Max(1, (int)Math.Min(300, (until - _time.GetUtcNow()).TotalSeconds));
        // The server ends the watch after timeoutSeconds; the client enforces it too (plus a margin), so a server that
        // ignores the parameter cannot keep the node from its periodic resync.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeout + 5), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token, relist);
        try
        {
            var events = _kube.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: FieldSelector,
                resourceVersion: ResourceVersion, timeoutSeconds: timeout,
                onError: e => gone |= e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }, cancellationToken: linked.Token);
            await foreach (var (type, pod) in events.ConfigureAwait(false))
            {
                await OnEventAsync(type, pod, ct).ConfigureAwait(false);
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
        {
            gone = true;
        }
        catch (OperationCanceledException) when ((deadline.IsCancellationRequested || relist.IsCancellationRequested) && !ct.IsCancellationRequested)
        {
            // the watch outlived its timeout (start the next one from the last resourceVersion), or a relist was asked for
        }

        return !gone;
    }

    private async Task OnEventAsync(WatchEventType type, V1Pod pod, CancellationToken ct)
    {
        ResourceVersion = pod.Metadata?.ResourceVersion ?? ResourceVersion;
        if (type == WatchEventType.Bookmark || pod.Metadata?.Name is null)
        {
            return;
        }

        string key = Key(pod);
        bool deleted = type == WatchEventType.Deleted;
        if (deleted)
        {
            _known.Remove(key);
            _requestedCpu.Remove(key);
        }
        else
        {
            _known[key] = pod.Metadata.Uid;
            _requestedCpu[key] = CpuOf(pod);
        }

        Pods = _known.Count;
        RequestedCpu = _requestedCpu.Values.Sum();
        await _dispatcher.DispatchAsync(key, Observation(pod, deleted), ct).ConfigureAwait(false);
    }

    private PodObservation Observation(V1Pod pod, bool deleted) =>
        new(pod.Metadata.Uid, pod.Metadata.ResourceVersion ?? "", _nodeName, deleted, Encoding.UTF8.GetBytes(KubernetesJson.Serialize(pod)));

    /// <summary>A pod's vCPUs as the scheduler counts them against allocatable (finished pods count nothing).</summary>
    private static decimal CpuOf(V1Pod pod)
    {
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return 0;
        }

        decimal sum = 0;
        foreach (V1Container c in pod.Spec?.Containers ?? [])
        {
            ResourceQuantity? q = c.Resources?.Requests?.TryGetValue("cpu", out var r) == true ? r
                : c.Resources?.Limits?.TryGetValue("cpu", out var l) == true ? l : null;
            sum += q?.ToDecimal() ?? 0;
        }

        return sum;
    }

    internal static string Key(V1Pod pod) => pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name;

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Pod watch of node {NodeName} failed; listing again in {Backoff}")]
    private static partial void LogWatchFailed(ILogger logger, string nodeName, TimeSpan backoff, Exception exception);
}
