using OrleansEci.Eci.Resilience;

namespace OrleansEci.Grains.Kubernetes;

/// <summary>
/// Paces every request of the runtime's one Kubernetes client through one token bucket (QPS and burst, as client-go's
/// rate limiter), except watches, which are long-lived and opened rarely. The bucket runs on the injected clock.
/// </summary>
internal sealed class KubeRequestBudgetHandler(TokenBucket bucket, KubeRequestCounters counters) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        bool watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        bool waited = false;
        if (!watch)
        {
            waited = await bucket.AcquireAsync(cancellationToken).ConfigureAwait(false) > TimeSpan.Zero;
        }

        counters.Count(request.Method, watch, waited);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
