using System.Text.Json.Nodes;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;
using OrleansEci.Emulators.Kube.Streaming;

namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>
/// The built-in metrics-server: every <see cref="MetricsOptions.Resolution"/> it scrapes <c>/metrics/resource</c> of each
/// Ready node's kubelet (path overridable with the Node annotation <c>metrics.k8s.io/resource-metrics-path</c>) and
/// stores the readings. It presents the API server's kubelet client certificate; the real metrics-server sends its
/// ServiceAccount token instead. A failed scrape forgets the node's readings, as metrics-server drops it from the batch.
/// </summary>
public sealed partial class ResourceMetricsScraper : IHostedService, IDisposable
{
    public const string PathAnnotation = "metrics.k8s.io/resource-metrics-path";

    private readonly ObjectStore _store;
    private readonly ResourceType _nodes;
    private readonly KubeletConnections _kubelets;
    private readonly MetricsStorage _storage;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public ResourceMetricsScraper(ObjectStore store, ResourceRegistry registry, KubeletConnections kubelets, MetricsStorage storage,
        MetricsOptions options, TimeProvider time, ILogger<ResourceMetricsScraper> logger)
    {
        _store = store;
        _nodes = registry.Get("", "nodes");
        _kubelets = kubelets;
        _storage = storage;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Scrapes every Ready node once, in parallel.</summary>
    public async Task ScrapeAsync(CancellationToken cancellationToken)
    {
        var nodes = _store.Snapshot(_nodes).Items.Values.Select(n => n.ToJson()).Where(IsReady).ToList();
        await Task.WhenAll(nodes.Select(n => ScrapeNodeAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            _loop = RunAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.Resolution, _time);
        try
        {
            do
            {
                await ScrapeAsync(stopping).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task ScrapeNodeAsync(JsonObject node, CancellationToken cancellationToken)
    {
        var name = KubeJson.GetString(node, "metadata", "name") ?? "";
        Uri kubelet;
        try
        {
            kubelet = _kubelets.BaseUriOf(node);
        }
        catch (Errors.ApiException e)
        {
            // No reachable kubelet (e.g. a simulated node advertising an address off this machine): nothing to scrape.
            LogNotScraped(_logger, name, e.Message);
            _storage.Store(name, null, new Dictionary<(string, string), Dictionary<string, MetricPoint>>());
            return;
        }

        using var timeout = new CancellationTokenSource(_options.ScrapeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var path = KubeJson.GetString(node, "metadata", "annotations", PathAnnotation) ?? "/metrics/resource";
            var uri = new Uri(kubelet, path.TrimStart('/'));
            var scrapeTime = _time.GetUtcNow();
            var text = await _kubelets.Http.GetStringAsync(uri, linked.Token).ConfigureAwait(false);
            var (nodePoint, pods) = ResourceMetricsDecoder.Decode(text, scrapeTime);
            _storage.Store(name, nodePoint, pods);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogScrapeFailed(_logger, name, e.Message);
            _storage.Store(name, null, new Dictionary<(string, string), Dictionary<string, MetricPoint>>());
        }
    }

    private static bool IsReady(JsonObject node) =>
        (node["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => KubeJson.GetString(c, "type") == "Ready" && KubeJson.GetString(c, "status") == "True");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not scraping node {Node}: {Reason}")]
    private static partial void LogNotScraped(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to scrape node {Node}: {Reason}")]
    private static partial void LogScrapeFailed(ILogger logger, string node, string reason);
}
