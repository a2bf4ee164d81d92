using OrleansEci.Eci.Resilience;

namespace OrleansEci.Grains.Kubernetes;

/// <summary>
/// Paces every request of the runtime's one Kubernetes client through a token bucket (QPS and burst, as client-go's
/// rate limiter): events through their own, everything else through the main one, except watches, which are
/// long-lived and opened rarely, and node heartbeats, which must never wait. The buckets run on the injected clock.
/// </summary>
internal sealed class KubeRequestBudgetHandler(TokenBucket bucket, TokenBucket events, KubeRequestCounters counters) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        bool watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        bool waited = false;
        bool isEvent = request.Method != HttpMethod.Get && request.RequestUri?.AbsolutePath.EndsWith("/events", StringComparison.Ordinal) == true;
        // Node heartbeats (Lease renewals, Node status) are never queued behind pod traffic: the kubelet sends them on a
        // client of their own without a rate limit (cmd/kubelet/app/server.go, heartbeatClient QPS = -1), because a
        // late heartbeat makes the node NotReady and its pods get evicted.
        string path = request.RequestUri?.AbsolutePath ?? "";
        bool heartbeat = path.StartsWith("/api/v1/nodes", StringComparison.Ordinal) || path.Contains("/namespaces/kube-node-lease/leases", StringComparison.Ordinal);
        if (!watch && !heartbeat)
        {
            waited = await (isEvent ? events : bucket).AcquireAsync(cancellationToken).ConfigureAwait(false) > TimeSpan.Zero;
        }

        counters.Count(request.Method, watch, isEvent, waited);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
