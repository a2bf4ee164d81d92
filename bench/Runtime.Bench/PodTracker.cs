using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// Watches the benchmark's pods (one watch, resumed by resourceVersion, relisted on 410) and records per pod when it
/// was created, when it first ran, and every visible status transition.
/// </summary>
internal sealed class PodTracker : IAsyncDisposable
{
    public const string Namespace = "default";
    public const string Label = "app";
    public const string LabelValue = "bench";
    private const string InstanceIdAnnotation = "k8s.aliyun.com/eci-instance-id";

    private readonly IKubernetes _client;
    private readonly ConcurrentDictionary<string, TrackedPod> _pods = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _running;
    private long _transitions;
    private long _events;

    public PodTracker(IKubernetes client)
    {
        _client = client;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public int Running => Volatile.Read(ref _running);

    /// <summary>Visible status transitions of all pods so far.</summary>
    public long Transitions => Interlocked.Read(ref _transitions);

    /// <summary>Watch events received (any write to a pod).</summary>
    public long Events => Interlocked.Read(ref _events);

    public ICollection<TrackedPod> Pods => _pods.Values;

    public TrackedPod Get(string name) => _pods.GetOrAdd(name, static n => new TrackedPod(n));

    /// <summary>Pods by last phase seen, for a report of what did not run.</summary>
    public string PhaseCounts() => string.Join(", ", _pods.Values.GroupBy(p => p.Phase ?? "unseen").OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Waits until <paramref name="pods"/> pods have run, or <paramref name="timeout"/> passes; false on timeout.</summary>
    public async Task<bool> WaitForRunningAsync(int pods, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Running < pods)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return true;
    }

    /// <summary>A task that completes with the tick of <paramref name="pod"/>'s next transition.</summary>
    public static Task<long> NextTransitionAsync(TrackedPod pod)
    {
        TaskCompletionSource<long> waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pod.Gate)
        {
            pod.Waiter = waiter;
        }

        return waiter.Task;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        string? resourceVersion = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(ct);
                bool gone = false;
                var events = _client.CoreV1.WatchListNamespacedPodAsync(Namespace, allowWatchBookmarks: true, labelSelector: $"{Label}={LabelValue}",
                    resourceVersion: resourceVersion, timeoutSeconds: 300,
                    onError: e => gone |= e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }, cancellationToken: ct);
                await foreach (var (type, pod) in events)
                {
                    resourceVersion = pod.Metadata?.ResourceVersion ?? resourceVersion;
                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        Observe(pod);
                    }
                }

                if (gone)
                {
                    resourceVersion = null;
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                resourceVersion = null;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"pod watch failed, retrying in 1 s: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task<string?> ListAsync(CancellationToken ct)
    {
        string? continueToken = null, resourceVersion = null;
        do
        {
            V1PodList page = await _client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: $"{Label}={LabelValue}", limit: 500,
                continueParameter: continueToken, cancellationToken: ct);
            resourceVersion ??= page.Metadata?.ResourceVersion;
            foreach (V1Pod pod in page.Items)
            {
                Observe(pod);
            }

            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));
        return resourceVersion;
    }

    private void Observe(V1Pod pod)
    {
        long now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _events);
        TrackedPod tracked = Get(pod.Metadata.Name);
        string signature = Signature(pod);
        TaskCompletionSource<long>? waiter = null;
        lock (tracked.Gate)
        {
            tracked.Phase = pod.Status?.Phase;
            if (pod.Metadata.Annotations?.TryGetValue(InstanceIdAnnotation, out string? id) == true)
            {
                tracked.GroupId = id;
            }

            if (tracked.RunningAt == 0 && tracked.Phase == "Running")
            {
                tracked.RunningAt = now;
                Interlocked.Increment(ref _running);
            }

            if (signature != tracked.Signature)
            {
                tracked.Signature = signature;
                tracked.Transitions++;
                Interlocked.Increment(ref _transitions);
                (waiter, tracked.Waiter) = (tracked.Waiter, null);
            }
        }

        waiter?.TrySetResult(now);
    }

    private static string Signature(V1Pod pod)
    {
        V1PodStatus? s = pod.Status;
        if (s is null)
        {
            return "";
        }

        IEnumerable<string> conditions = s.Conditions?.Select(c => c.Type + "=" + c.Status) ?? [];
        IEnumerable<string> containers = s.ContainerStatuses?.Select(c => string.Join(':', c.Name, c.RestartCount, c.Ready,
            c.State?.Running is not null ? "running" : c.State?.Terminated is not null ? "terminated" : c.State?.Waiting?.Reason ?? "waiting",
            c.LastState?.Terminated?.ExitCode)) ?? [];
        return string.Join('|', [s.Phase ?? "", .. conditions, .. containers]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
    }
}
