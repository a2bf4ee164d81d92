using Microsoft.Extensions.Time.Testing;

namespace OrleansEci.Eci.Tests.Faults;

/// <summary>
/// Drives a shared <see cref="FakeTimeProvider"/> while many client calls run against the local ECI service: it
/// advances the clock to the client's next due timer only when every attempt in progress is one whose answer the
/// service is known to hold back (<c>heldAnswers</c>), so no attempt is ever timed out by the pump itself, and
/// back-off and token-bucket waits pass without real waiting. It never sleeps for "long enough": it waits for the
/// client to arm, fire or drop a timer, looking at the service again every 20 ms while an answer may be held there.
/// </summary>
internal sealed class ClockPump(FakeTimeProvider clock, ClientClock client, Func<CancellationToken, Task<int>> heldAnswers)
{
    /// <summary>How often the pump moved the clock.</summary>
    public int Advances { get; private set; }

    /// <summary>Pumps until <paramref name="work"/> completes, then returns its result.</summary>
    public async Task<T> RunAsync<T>(Task<T> work, Func<string> describe, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            int armed = client.ArmedDeadlines;
            if (cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Expected the work to finish; it hangs at {clock.GetUtcNow():O} with {armed} attempts in flight, next timer due {client.NextDue:O}, after {Advances} clock advances; {describe()}");
            }

            bool mayAdvance = armed == 0 || armed == await heldAnswers(cancellationToken);
            DateTimeOffset now = clock.GetUtcNow();
            if (mayAdvance && client.NextDue is { } due && due > now)
            {
                clock.Advance(due - now);
                Advances++;
                await Task.Yield();
                continue;
            }

            // Something is in flight, or nothing is armed yet: wait for the client to arm, fire or drop a timer.
            await client.WaitForChangeAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        return await work;
    }
}
