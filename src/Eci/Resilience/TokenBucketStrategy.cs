using Polly;

namespace OrleansEci.Eci.Resilience;

/// <summary>
/// A Polly strategy that takes a token from the action's <see cref="TokenBucket"/> before each
/// attempt. It sits inside the retry (every attempt, retries included, spends a token) and outside
/// the per-attempt timeout (waiting for a token does not count against the attempt).
/// </summary>
internal sealed class TokenBucketStrategy(TokenBucket bucket, Action<TimeSpan>? onWaited) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        try
        {
            TimeSpan waited = await bucket.AcquireAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            if (waited > TimeSpan.Zero)
            {
                onWaited?.Invoke(waited);
            }
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<TResult>(ex);
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
