using Polly;
using Polly.Retry;

namespace OrleansEci.Grains.Cluster;

/// <summary>
/// Retries a grain call that failed because a silo is going away: until the cluster declares a killed silo dead
/// (about 10 s with the default membership settings), calls to the grains it hosted, or to the directory partition it
/// owned, fail with <see cref="SiloUnavailableException"/> or a rejected message; after that they activate the grain on a
/// survivor. Bounded (five retries, at most about 15 s in all), so a caller outside the cluster's control loops — a
/// kubelet API request, the dashboard — answers with an error instead of hanging. Loops that own their pacing (the pod
/// watch's dispatcher, the poller's redelivery) keep their own retries.
/// </summary>
public static class GrainCallRetry
{
    /// <summary>The exceptions a failing-over cluster throws for a call that is safe to repeat.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>A pipeline for idempotent grain calls (reads, observations): exponential back-off from 0.5 s, with jitter, on <paramref name="time"/>.</summary>
    public static ResiliencePipeline Create(TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 5,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxDelay = TimeSpan.FromSeconds(5),
        })
        .Build();
}
