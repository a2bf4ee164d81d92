using System.Collections.Concurrent;
using System.Net.Http;

using Microsoft.Extensions.Logging;

using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.Errors;

using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansEci.Eci.Resilience;

/// <summary>
/// One Polly pipeline per ECI action, all on the injected <see cref="TimeProvider"/>:
/// retry (throttled and transient only; exponential backoff with jitter, or the server's
/// RetryAfter; bounded attempts) → token bucket (the action's published limit) →
/// per-attempt timeout.
/// </summary>
internal sealed class EciResiliencePipelines(EciClientOptions options, TimeProvider time, EciRandom random, ILogger logger)
{
    private readonly ConcurrentDictionary<string, (ResiliencePipeline Pipeline, TokenBucket? Bucket)> _pipelines = new(StringComparer.Ordinal);

    /// <summary>The pipeline of one action.</summary>
    public ResiliencePipeline For(string action) => _pipelines.GetOrAdd(action, Build).Pipeline;

    /// <summary>The token bucket of one action (null when unlimited); for diagnostics and tests.</summary>
    public TokenBucket? BucketFor(string action) => _pipelines.GetOrAdd(action, Build).Bucket;

    /// <summary>Whether an attempt's failure is worth another attempt.</summary>
    public static bool ShouldRetry(Exception? exception) => exception switch
    {
        EciException eci => eci.IsRetryable,
        TimeoutRejectedException => true,
        HttpRequestException => true,
        _ => false,
    };

    private (ResiliencePipeline, TokenBucket?) Build(string action)
    {
        var builder = new ResiliencePipelineBuilder { Name = "eci-" + action, TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(RetryOptions(action));
        }

        EciRateLimit limit = options.RateLimitFor(action);
        TokenBucket? bucket = limit.IsUnlimited ? null : new TokenBucket(limit, time);
        if (bucket is not null)
        {
            builder.AddStrategy(_ => new TokenBucketStrategy(bucket, waited => EciClientLog.WaitedForToken(logger, action, waited)), new TokenBucketStrategyOptions());
        }

        builder.AddTimeout(options.AttemptTimeout);
        return (builder.Build(), bucket);
    }

    private RetryStrategyOptions RetryOptions(string action) => new()
    {
        ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception)),
        MaxRetryAttempts = options.MaxRetryAttempts,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = options.MaxRetryDelay,
        Randomizer = random.NextDouble,
        DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome.Exception)),
        OnRetry = args =>
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var failure = args.Outcome.Exception as EciException;
                string? category = failure?.Category.ToString() ?? args.Outcome.Exception?.GetType().Name;
                EciClientLog.Retrying(logger, action, args.AttemptNumber + 1, category, failure?.Code, failure?.RequestId, args.RetryDelay);
            }

            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// Honours ECI's RetryAfter hint (plus up to one base delay of jitter, so throttled callers do
    /// not return in lock-step), capped at <see cref="EciClientOptions.MaxRetryDelay"/>;
    /// null lets the exponential backoff decide.
    /// </summary>
    private TimeSpan? ServerDelay(Exception? exception)
    {
        if (exception is not EciException { RetryAfter: { } retryAfter })
        {
            return null;
        }

        TimeSpan jittered = retryAfter + (options.RetryBaseDelay * random.NextDouble());
        return jittered < options.MaxRetryDelay ? jittered : options.MaxRetryDelay;
    }

    private sealed class TokenBucketStrategyOptions : ResilienceStrategyOptions
    {
        public TokenBucketStrategyOptions() => Name = "TokenBucket";
    }
}
