using System.Collections.Concurrent;
using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using OrleansEci.KubeletApi.Admission;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>
/// Namespace labels for the webhook, from a list and watch of namespaces (relisted on <c>410 Gone</c>, as client-go's
/// informer does), so a review is answered from memory. Until the first list completes a lookup waits for it (the
/// request's own timeout bounds the wait). A namespace the cache does not know yet (created a moment before its first
/// pod, watch event still in flight) is read once from the API server rather than treated as unlabelled.
/// </summary>
public sealed partial class NamespaceCache(IKubernetes kube, TimeProvider time, ILogger<NamespaceCache> log) : BackgroundService, INamespaceLabelLookup
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _labels = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _resourceVersion;

    /// <summary>True once the first list has completed.</summary>
    public bool IsSynced => _synced.Task.IsCompleted;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, string>?> FindLabelsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        await _synced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_labels.TryGetValue(namespaceName, out var labels))
        {
            return labels;
        }

        try
        {
            V1Namespace ns = await kube.CoreV1.ReadNamespaceAsync(namespaceName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Labels(ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListAsync(stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested && await WatchOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogWatchFailed(log, backoff, e);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }

    private async Task ListAsync(CancellationToken ct)
    {
        Dictionary<string, IReadOnlyDictionary<string, string>> seen = new(StringComparer.Ordinal);
        string? continueToken = null;
        string? resourceVersion = null;
        do
        {
            V1NamespaceList page = await kube.CoreV1.ListNamespaceAsync(limit: 500, continueParameter: continueToken, cancellationToken: ct).ConfigureAwait(false);
            resourceVersion ??= page.Metadata?.ResourceVersion;
            foreach (V1Namespace ns in page.Items)
            {
                seen[ns.Metadata.Name] = Labels(ns);
            }

            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        foreach (string gone in _labels.Keys.Where(k => !seen.ContainsKey(k)))
        {
            _labels.TryRemove(gone, out _);
        }

        foreach (var (name, labels) in seen)
        {
            _labels[name] = labels;
        }

        _resourceVersion = resourceVersion;
        if (_synced.TrySetResult())
        {
            LogSynced(log, seen.Count);
        }
    }

    /// <summary>One watch request; false when the server said 410 Gone (list again).</summary>
    private async Task<bool> WatchOnceAsync(CancellationToken ct)
    {
        bool gone = false;
        const int timeout = 300;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeout + 5), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var events = kube.CoreV1.WatchListNamespaceAsync(allowWatchBookmarks: true, resourceVersion: _resourceVersion, timeoutSeconds: timeout,
                onError: e => gone |= e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }, cancellationToken: linked.Token);
            await foreach (var (type, ns) in events.ConfigureAwait(false))
            {
                _resourceVersion = ns.Metadata?.ResourceVersion ?? _resourceVersion;
                if (ns.Metadata?.Name is not { } name)
                {
                    continue;
                }

                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        _labels[name] = Labels(ns);
                        break;
                    case WatchEventType.Deleted:
                        _labels.TryRemove(name, out _);
                        break;
                }
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
        {
            gone = true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // the watch outlived its timeout: the next one starts from the last resourceVersion
        }

        return !gone;
    }

    private static Dictionary<string, string> Labels(V1Namespace ns) =>
        ns.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Namespace watch failed; listing again in {Backoff}")]
    private static partial void LogWatchFailed(ILogger logger, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Namespace cache synced: {Count} namespaces")]
    private static partial void LogSynced(ILogger logger, int count);
}
