using OrleansEci.Eci.Configuration;

namespace OrleansEci.Eci.Resilience;

/// <summary>
/// A token bucket that runs on an injected <see cref="TimeProvider"/>. Written by hand because
/// System.Threading.RateLimiting's TokenBucketRateLimiter (and so Polly.RateLimiting) reads the
/// system clock and its own timer, so it cannot be driven by FakeTimeProvider in tests.
/// Each caller reserves a token at once (the balance may go negative) and waits until its token
/// has been refilled; waiters are therefore served in arrival order with no background timer.
/// A cancelled wait gives its reservation back.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _updatedAt;

    public TokenBucket(EciRateLimit limit, TimeProvider time)
        : this(limit?.TokenLimit ?? throw new ArgumentNullException(nameof(limit)), limit.TokensPerPeriod / limit.ReplenishmentPeriod.TotalSeconds, time)
    {
    }

    /// <summary>A bucket holding <paramref name="capacity"/> tokens (the burst), refilled at <paramref name="tokensPerSecond"/>.</summary>
    public TokenBucket(double capacity, double tokensPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _tokens = _capacity;
        _updatedAt = time.GetTimestamp();
    }

    /// <summary>Tokens available now (negative while callers are queued).</summary>
    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>Takes one token, waiting (on the time provider) until it is there.</summary>
    public async ValueTask<TimeSpan> AcquireAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _tokensPerSecond);
        }

        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            return wait;
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                Refill();
                _tokens = Math.Min(_capacity, _tokens + 1);
            }

            throw;
        }
    }

    private void Refill()
    {
        long now = _time.GetTimestamp();
        double elapsed = _time.GetElapsedTime(_updatedAt, now).TotalSeconds;
        _updatedAt = now;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _tokensPerSecond));
        }
    }
}
