using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests;

/// <summary>Retry, RetryAfter, per-attempt timeout, ClientToken stability and token buckets, on fake time.</summary>
public sealed class EciClientResilienceTests : ScriptedServerTest
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private static CreateContainerGroupRequest Create(string? clientToken = null) => new()
    {
        ContainerGroupName = "web-0",
        ClientToken = clientToken,
        Containers = [new() { Name = "app", Image = "nginx" }],
    };

    /// <summary>Waits until the client sleeps before a retry, checks how long, and lets that time pass.</summary>
    private async Task<TimeSpan> PassRetryDelayAsync()
    {
        TimeSpan delay = await Clock.NextTimerAsync(static due => due != AttemptTimeout, Ct);
        Clock.Advance(delay);
        return delay;
    }

    [Fact]
    public async Task CreateContainerGroupAsync_TransientThenSuccess_RetriesWithTheSameGeneratedClientToken()
    {
        Server.Then(
            ScriptedAnswer.Error(500, "InternalError"),
            new ScriptedAnswer(503, "<html>Service Unavailable</html>"),
            ScriptedAnswer.Ok("""{"RequestId":"R3","ContainerGroupId":"eci-123"}"""));
        var client = Client();

        var create = client.CreateContainerGroupAsync(Create(), Ct);
        await PassRetryDelayAsync();
        await PassRetryDelayAsync();
        var created = await create;

        Assert.Equal(("eci-123", "R3"), (created.ContainerGroupId, created.RequestId));
        Assert.Equal(3, Server.Calls.Count);
        Assert.All(Server.Calls, call => Assert.True(call["ClientToken"] == "token-1", $"Expected every attempt to carry ClientToken token-1, got '{call["ClientToken"]}'."));
        Assert.Equal(3, Server.Calls.Select(static c => c["SignatureNonce"]).Distinct().Count());
    }

    [Fact]
    public async Task CreateContainerGroupAsync_CallersClientToken_IsKeptOnEveryAttempt()
    {
        Server.Then(ScriptedAnswer.Error(503, "ServiceUnavailable"));
        var client = Client();

        var create = client.CreateContainerGroupAsync(Create("pod-uid-7"), Ct);
        await PassRetryDelayAsync();
        await create;

        Assert.Equal(["pod-uid-7", "pod-uid-7"], Server.Calls.Select(static c => c["ClientToken"]));
    }

    [Fact]
    public async Task CreateContainerGroupAsync_AttemptTimesOutAfterServerGotIt_RetriesSameTokenAndSucceeds()
    {
        Server.Then(ScriptedAnswer.NoAnswer, ScriptedAnswer.Ok("""{"RequestId":"R2","ContainerGroupId":"eci-9"}"""));
        var client = Client();

        var create = client.CreateContainerGroupAsync(Create(), Ct);
        await Server.NextArrivalAsync(Ct);
        Clock.Advance(AttemptTimeout);
        await PassRetryDelayAsync();
        var created = await create;

        Assert.Equal("eci-9", created.ContainerGroupId);
        Assert.Equal(["token-1", "token-1"], Server.Calls.Select(static c => c["ClientToken"]));
    }

    [Fact]
    public async Task DescribeRegionsAsync_EveryAttemptTimesOut_FailsTransientWithTheTimeoutInside()
    {
        Server.Default = static _ => ScriptedAnswer.NoAnswer;
        var client = Client(o => o.MaxRetryAttempts = 1);

        var call = client.DescribeRegionsAsync(cancellationToken: Ct);
        await Server.NextArrivalAsync(Ct);
        Clock.Advance(AttemptTimeout);
        await PassRetryDelayAsync();
        await Server.NextArrivalAsync(Ct);
        Clock.Advance(AttemptTimeout);
        var error = await Assert.ThrowsAsync<EciException>(() => call);

        Assert.Equal(EciErrorCategory.Transient, error.Category);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error.InnerException);
        Assert.Equal(2, Server.Calls.Count);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithTimeLeft_WaitsTheServersHintPlusJitter()
    {
        var headers = new Dictionary<string, string> { ["x-ratelimit-user-api"] = "Remaining:0,TimeLeft:1500", ["x-ratelimit-user"] = "TimeLeft:900" };
        Server.Then(ScriptedAnswer.Error(400, "Throttling.User", "Request was denied due to user flow control.", headers));
        var client = Client();

        var describe = client.DescribeRegionsAsync(cancellationToken: Ct);
        TimeSpan delay = await PassRetryDelayAsync();
        await describe;

        // 1500 ms from the header + 0.5 (FixedRandom) x 200 ms base delay.
        Assert.Equal(TimeSpan.FromMilliseconds(1600), delay);
        Assert.Equal(2, Server.Calls.Count);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithHugeTimeLeft_CapsTheWaitAtMaxRetryDelay()
    {
        var headers = new Dictionary<string, string> { ["x-ratelimit-user"] = "TimeLeft:600000" };
        Server.Then(ScriptedAnswer.Error(400, "Throttling.User", headers: headers));
        var client = Client();

        var describe = client.DescribeRegionsAsync(cancellationToken: Ct);
        TimeSpan delay = await PassRetryDelayAsync();
        await describe;

        Assert.Equal(TimeSpan.FromSeconds(10), delay);
    }

    [Fact]
    public async Task SendAsync_AlwaysUnavailable_StopsAfterMaxRetriesWithBackoffThatGrows()
    {
        Server.Default = static _ => ScriptedAnswer.Error(503, "ServiceUnavailable");
        var client = Client(o => o.MaxRetryAttempts = 3);

        var describe = client.DescribeRegionsAsync(cancellationToken: Ct);
        var delays = new List<TimeSpan>();
        for (int i = 0; i < 3; i++)
        {
            delays.Add(await PassRetryDelayAsync());
        }

        var error = await Assert.ThrowsAsync<EciException>(() => describe);

        Assert.Equal((EciErrorCategory.Transient, "ServiceUnavailable", 503), (error.Category, error.Code, error.HttpStatus));
        Assert.Equal(4, Server.Calls.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(10)));
        Assert.True(delays[2] > delays[0], $"Expected exponential backoff to grow, got {string.Join(", ", delays)}.");
    }

    [Theory]
    [InlineData(400, "InvalidParameter", EciErrorCategory.InvalidRequest)]
    [InlineData(403, "OperationDenied.NoStock", EciErrorCategory.NoStock)]
    [InlineData(400, "IdempotentParameterMismatch", EciErrorCategory.IdempotencyMismatch)]
    [InlineData(400, "SignatureDoesNotMatch", EciErrorCategory.Auth)]
    [InlineData(400, "IncorrectStatus", EciErrorCategory.IncorrectStatus)]
    public async Task CreateContainerGroupAsync_NotRetryableFailure_FailsAfterOneCallKeepingEciDetails(int status, string code, EciErrorCategory category)
    {
        Server.Then(ScriptedAnswer.Error(status, code, "details from ECI"));
        var client = Client();

        var error = await Assert.ThrowsAsync<EciException>(() => client.CreateContainerGroupAsync(Create(), Ct));

        Assert.Single(Server.Calls);
        Assert.Equal((category, code, "details from ECI", "req-" + code, status, "CreateContainerGroup"),
            (error.Category, error.Code, error.ErrorMessage, error.RequestId, error.HttpStatus, error.Action));
    }

    [Fact]
    public async Task SendAsync_CancelledDuringBackoff_StopsWithoutAnotherCall()
    {
        Server.Default = static _ => ScriptedAnswer.Error(503, "ServiceUnavailable");
        var client = Client();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var describe = client.DescribeRegionsAsync(cancellationToken: cancel.Token);
        await Clock.NextTimerAsync(static due => due != AttemptTimeout, Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => describe);
        Assert.Single(Server.Calls);
    }

    [Fact]
    public async Task CreateContainerGroupAsync_BeyondTheBucket_WaitsForATokenInsteadOfCalling()
    {
        var client = Client(o => o.RateLimits[EciActions.CreateContainerGroup] = EciRateLimit.Bucket(2, 1));

        var creates = Enumerable.Range(0, 3).Select(i => client.CreateContainerGroupAsync(Create("t" + i), Ct)).ToList();
        await Task.WhenAll(creates[0], creates[1]);
        TimeSpan wait = await Clock.NextTimerAsync(static due => due != AttemptTimeout, Ct);

        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.Equal(2, Server.Calls.Count);
        Assert.False(creates[2].IsCompleted, "Expected the third create to wait for a token.");
        Clock.Advance(wait);
        await creates[2];
        Assert.Equal(3, Server.Calls.Count);
    }

    [Fact]
    public async Task SendAsync_UnlimitedRateLimit_HasNoBucket()
    {
        var client = Client(o => o.RateLimits[EciActions.DescribeRegions] = EciRateLimit.Unlimited);

        await client.DescribeRegionsAsync(cancellationToken: Ct);

        Assert.Null(client.AvailableTokens(EciActions.DescribeRegions));
        Assert.Equal(100, client.AvailableTokens(EciActions.CreateContainerGroup)!.Value, precision: 9);
    }

    [Fact]
    public async Task SendAsync_ZeroRetries_CallsOnce()
    {
        Server.Default = static _ => ScriptedAnswer.Error(503, "ServiceUnavailable");
        var client = Client(o => o.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Single(Server.Calls);
    }
}
