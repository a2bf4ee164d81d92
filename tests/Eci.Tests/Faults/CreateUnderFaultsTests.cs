using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Tests.LocalEci;

namespace OrleansEci.Eci.Tests.Faults;

/// <summary>
/// The client against a local ECI service that throttles half of all calls and loses one create's answer after
/// the group was made: every create must end with exactly one group, through bounded retries that reuse the
/// create's ClientToken, and the service's own counters must account for every attempt.
/// </summary>
public sealed class CreateUnderFaultsTests
{
    private const int Creates = 200;
    private const string Create = "CreateContainerGroup";

    // With half of all calls throttled, a create fails only after 31 throttles in a row: 2^-31 per create.
    private const int MaxRetries = 30;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private static readonly Tag SuiteTag = new("suite", "faults");

    [Fact]
    public async Task CreateContainerGroup_HalfThrottledAndOneAnswerLostAfterSuccess_ExactlyOneGroupPerCreate()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using CancellationTokenSource hangGuard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        hangGuard.CancelAfter(TimeSpan.FromMinutes(1));
        await using LocalEciService eci = await LocalEciService.StartAsync(o => o.RateLimits.Unlimited = true, ct);
        ClientClock clientClock = new(eci.Clock, AttemptTimeout);
        WireRecorder wire = new();
        EciClient client = eci.CreateClient(clientClock, wire, o =>
        {
            o.MaxRetryAttempts = MaxRetries;
            o.AttemptTimeout = AttemptTimeout;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            o.MaxRetryDelay = TimeSpan.FromSeconds(2);
        });

        // The service holds the answer an hour (of fake time), far past the client's 30 s attempt timeout.
        await eci.Control.AddFaultAsync(new { kind = "timeout-after-success", action = Create, count = 1, delayMs = 3_600_000 }, ct);
        await eci.Control.AddFaultAsync(new { kind = "throttle", fraction = 0.5 }, ct);
        bool held = false;
        ClockPump pump = new(eci.Clock, clientClock, async token =>
        {
            // At most one answer is held: the one the timeout-after-success rule fired on, until its attempt times out.
            if (clientClock.ArmedDeadlines != 1 || clientClock.DeadlinesFired > 0)
            {
                return 0;
            }

            held = held || !(await eci.Control.ArmedFaultKindsAsync(token)).Contains("timeout-after-success");
            return held ? 1 : 0;
        });

        CreateContainerGroupResponse[] answers = await pump.RunAsync(
            Task.WhenAll(Enumerable.Range(0, Creates).Select(i => client.CreateContainerGroupAsync(Request(i), hangGuard.Token))),
            () => $"held {held}; unfinished creates: " + string.Join("; ", wire.AttemptsByToken.Where(a => a.Value.LastOrDefault()?.StartsWith("200 ", StringComparison.Ordinal) != true).Select(a => $"{a.Key}: {string.Join(" → ", a.Value)}")),
            hangGuard.Token);

        await eci.Control.ClearFaultsAsync(ct);
        ActionCalls calls = await eci.Control.CallsAsync(Create, ct);
        IReadOnlyDictionary<string, string[]> attempts = wire.AttemptsByToken;
        string[] lost = [.. attempts.Where(a => a.Value.Contains("no answer")).Select(a => $"{a.Key}: {string.Join(" → ", a.Value)}")];
        long sent = attempts.Values.Sum(a => a.Length);
        string counters = $"service counters {calls}, {sent} attempts sent, {pump.Advances} clock advances";

        // Exactly one group per create, and the service holds nothing else.
        string[] ids = [.. answers.Select(a => a.ContainerGroupId!).Distinct(StringComparer.Ordinal)];
        Assert.True(ids.Length == Creates, $"Expected {Creates} distinct group ids from {Creates} creates, got {ids.Length} ({counters})");
        Assert.True(await eci.Control.GroupCountAsync(ct) == Creates, $"Expected the service to hold exactly {Creates} groups ({counters})");
        string[] listed = await ListTaggedAsync(client, ct);
        Assert.True(listed.SequenceEqual(ids.Order(StringComparer.Ordinal)), $"Expected DescribeContainerGroups to list exactly the {Creates} answered ids, got {listed.Length}");

        // Every create kept one ClientToken through its bounded retries; exactly one answer was lost, by the timeout.
        Assert.True(attempts.Count == Creates, $"Expected one ClientToken per create on the wire, saw {attempts.Count}");
        int most = attempts.Values.Max(a => a.Length);
        Assert.True(most <= 1 + MaxRetries, $"Expected at most {1 + MaxRetries} attempts per create, one took {most}");
        Assert.True(lost.Length == 1 && clientClock.DeadlinesFired == 1,
            $"Expected exactly one attempt cut short by the {AttemptTimeout} attempt timeout, got {clientClock.DeadlinesFired}: [{string.Join("; ", lost)}]");
        Assert.True(attempts.Values.All(a => a[^1].StartsWith("200 ", StringComparison.Ordinal) && a.Count(o => o.StartsWith("200 ", StringComparison.Ordinal)) == 1),
            "Expected every create's last attempt, and only that one, to be answered 200");

        // The service's counters account for every attempt: each one that did not end a create was throttled or lost.
        Assert.True(calls.Received == sent, $"Expected the service to receive every attempt the client sent ({counters})");
        Assert.True(calls.Succeeded == Creates + 1 && calls.Failed == 0,
            $"Expected {Creates} creates plus the one replayed after the lost answer to succeed and none to fail ({counters})");
        Assert.True(calls.Throttled > 0 && calls.Received == calls.Succeeded + calls.Throttled,
            $"Expected every other attempt to be throttled ({counters})");
        Assert.True(calls.Injected == calls.Throttled + 1, $"Expected the injected faults to be the throttles and the one lost answer ({counters})");
        Assert.True(sent == Creates + calls.Throttled + lost.Length, $"Expected one retry per throttle or lost answer and no other ({counters})");
    }

    private static CreateContainerGroupRequest Request(int i) => new()
    {
        ContainerGroupName = $"fault-{i:000}",
        Tags = [SuiteTag],
        Containers = [new ContainerDefinition { Name = "app", Image = "busybox:1.36" }],
    };

    private static async Task<string[]> ListTaggedAsync(EciClient client, CancellationToken ct)
    {
        List<string> ids = [];
        await foreach (ContainerGroup g in client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [SuiteTag] }, ct))
        {
            ids.Add(g.ContainerGroupId!);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
