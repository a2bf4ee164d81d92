using System.Net;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Eci.Resilience;
using OrleansEci.Grains.Kubernetes;

namespace OrleansEci.Grains.Tests.Kubernetes;

public sealed class KubeRequestBudgetHandlerTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly KubeRequestCounters _counters = new();

    [Fact]
    public async Task SendAsync_BeyondTheBurst_WaitsForTheClock()
    {
        using var client = Client(burst: 2, qps: 1, eventBurst: 5);
        await client.GetAsync("/api/v1/pods", TestContext.Current.CancellationToken);
        await client.GetAsync("/api/v1/pods", TestContext.Current.CancellationToken);
        Task third = client.GetAsync("/api/v1/pods", TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted, "Expected the third request to wait for a token once the burst of 2 was spent");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(3, _counters.Reads);
        Assert.Equal(1, _counters.ThrottledWaits);
    }

    [Fact]
    public async Task SendAsync_EventsWatchesAndNodeHeartbeats_DoNotSpendTheMainBudget()
    {
        using var client = Client(burst: 1, qps: 1, eventBurst: 5);
        await client.GetAsync("/api/v1/pods", TestContext.Current.CancellationToken);
        for (int i = 0; i < 5; i++)
        {
            await client.PostAsync("/api/v1/namespaces/default/events", new StringContent("{}"), TestContext.Current.CancellationToken);
        }

        await client.GetAsync("/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Dn", TestContext.Current.CancellationToken);
        await client.PutAsync("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n", new StringContent("{}"), TestContext.Current.CancellationToken);
        await client.PatchAsync("/api/v1/nodes/n/status", new StringContent("{}"), TestContext.Current.CancellationToken);
        Assert.Equal(5, _counters.Events);
        Assert.Equal(1, _counters.Watches);
        Assert.Equal(0, _counters.ThrottledWaits);
    }

    private HttpClient Client(int burst, double qps, int eventBurst) =>
        new(new KubeRequestBudgetHandler(new TokenBucket(burst, qps, _clock), new TokenBucket(eventBurst, 1, _clock), _counters) { InnerHandler = new Ok() })
        {
            BaseAddress = new Uri("http://127.0.0.1/"),
        };

    /// <summary>The API server's side of the exchange: every request answers 200 (the handler under test only paces).</summary>
    private sealed class Ok : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
