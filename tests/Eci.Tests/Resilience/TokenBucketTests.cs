using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.Resilience;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests.Resilience;

public sealed class TokenBucketTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcquireAsync_WithinBurst_DoesNotWait()
    {
        var clock = new TestClock();
        var bucket = new TokenBucket(EciRateLimit.Bucket(100, 20), clock);

        for (int i = 0; i < 100; i++)
        {
            TimeSpan waited = await bucket.AcquireAsync(Ct);
            Assert.True(waited == TimeSpan.Zero, $"Expected call {i + 1} of the 100-token burst not to wait, but it waited {waited}.");
        }

        Assert.Equal(0, bucket.Available, precision: 9);
    }

    [Fact]
    public async Task AcquireAsync_BeyondBurst_WaitsForRefillInArrivalOrder()
    {
        var clock = new TestClock();
        var bucket = new TokenBucket(EciRateLimit.Bucket(100, 20), clock);
        for (int i = 0; i < 100; i++)
        {
            await bucket.AcquireAsync(Ct);
        }

        var first = bucket.AcquireAsync(Ct).AsTask();
        var second = bucket.AcquireAsync(Ct).AsTask();
        Assert.Equal(TimeSpan.FromMilliseconds(50), await clock.NextTimerAsync(static _ => true, Ct));
        Assert.Equal(TimeSpan.FromMilliseconds(100), await clock.NextTimerAsync(static _ => true, Ct));
        Assert.False(first.IsCompleted, "Expected the 101st call to wait for a refill, but it completed at once.");

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(50), await first);
        Assert.False(second.IsCompleted, "Expected the 102nd call to wait 100 ms, but it completed after 50 ms.");

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(100), await second);
    }

    [Fact]
    public async Task AcquireAsync_AfterQuietPeriod_RefillsUpToTheLimitOnly()
    {
        var clock = new TestClock();
        var bucket = new TokenBucket(EciRateLimit.Bucket(10, 5), clock);
        for (int i = 0; i < 10; i++)
        {
            await bucket.AcquireAsync(Ct);
        }

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(10, bucket.Available, precision: 9);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_GivesTheTokenBack()
    {
        var clock = new TestClock();
        var bucket = new TokenBucket(EciRateLimit.Bucket(1, 1), clock);
        await bucket.AcquireAsync(Ct);
        using var cancel = new CancellationTokenSource();

        var waiting = bucket.AcquireAsync(cancel.Token).AsTask();
        await clock.NextTimerAsync(static _ => true, Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, bucket.Available, precision: 9);
    }

    [Fact]
    public void PerMinute_Limit_NeverExceedsItInAnySixtySeconds()
    {
        var limit = EciRateLimit.PerMinute(2000);

        Assert.Equal(200, limit.TokenLimit);
        Assert.Equal(1800, limit.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), limit.ReplenishmentPeriod);
        Assert.Equal(2000, limit.TokenLimit + limit.TokensPerPeriod);
    }
}
