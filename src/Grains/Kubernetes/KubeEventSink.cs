using System.Net;
using System.Threading.Channels;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansEci.Grains.Kubernetes;

/// <summary>
/// Posts Kubernetes events in the background, as the kubelet's event recorder does (client-go's EventBroadcaster: a
/// buffered channel drained by its own goroutine, dropping when full): a pod grain never waits for an event to be
/// written, so events never delay a status. Events are best effort; a full buffer drops the newest and counts it.
/// </summary>
public sealed partial class KubeEventSink(IKubernetes kube, ILogger<KubeEventSink> log) : BackgroundService
{
    /// <summary>Events waiting to be posted at most (client-go's broadcaster queues 1000 per watcher).</summary>
    public const int Capacity = 10_000;

    private readonly Channel<(string Namespace, Corev1Event Event)> _queue =
        Channel.CreateBounded<(string, Corev1Event)>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _dropped;
    private long _posted;

    /// <summary>Events dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events the API server accepted (or already had).</summary>
    public long Posted => Interlocked.Read(ref _posted);

    /// <summary>Queues an event; returns at once.</summary>
    public void Post(string podNamespace, Corev1Event e)
    {
        if (!_queue.Writer.TryWrite((podNamespace, e)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (ns, e) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await kube.CoreV1.CreateNamespacedEventAsync(e, ns, cancellationToken: stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _posted);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.Conflict)
            {
                Interlocked.Increment(ref _posted); // the same event (its name comes from its key) was posted before
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The namespace is terminating (403/404) or the API server is unreachable: events are best effort.
                LogPostFailed(log, e.InvolvedObject?.Name ?? "?", e.Reason ?? "?", ex);
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Posting event {Reason} for {Object} failed; dropped")]
    private static partial void LogPostFailed(ILogger logger, string @object, string reason, Exception exception);
}
