using Microsoft.Extensions.Time.Testing;

using OrleansEci.Grains.Cluster;

namespace OrleansEci.Grains.Tests.Cluster;

public sealed class GrainCallRetryTests
{
    [Fact]
    public void IsTransient_SiloGoingAway_True_OtherFailures_False()
    {
        Assert.True(GrainCallRetry.IsTransient(new SiloUnavailableException("silo S127.0.0.1:11111 is dead")), "SiloUnavailableException is what a failing-over cluster throws");
        Assert.False(GrainCallRetry.IsTransient(new InvalidOperationException("a bug")), "an application error must not be retried");
        Assert.False(GrainCallRetry.IsTransient(new TimeoutException("30 s")), "a timeout may have run the call: not repeated blindly");
    }

    [Fact]
    public async Task Create_SiloUnavailableTwice_ThirdAttemptAnswers()
    {
        var time = new FakeTimeProvider();
        var pipeline = GrainCallRetry.Create(time);
        int attempts = 0;
        var call = pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw new SiloUnavailableException("failing over") : ValueTask.FromResult(42);
        }, TestContext.Current.CancellationToken).AsTask();
        while (!call.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.True(await call == 42 && attempts == 3, $"Expected the answer of the third attempt after two SiloUnavailable failures; attempts: {attempts}");
    }

    [Fact]
    public async Task Create_AlwaysUnavailable_GivesUpAfterFiveRetries()
    {
        var time = new FakeTimeProvider();
        var pipeline = GrainCallRetry.Create(time);
        int attempts = 0;
        var call = pipeline.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new SiloUnavailableException("gone for good");
        }, TestContext.Current.CancellationToken).AsTask();
        while (!call.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<SiloUnavailableException>(() => call);
        Assert.True(attempts == 6, $"Expected one call and five retries before giving up; saw {attempts} attempts");
    }
}
