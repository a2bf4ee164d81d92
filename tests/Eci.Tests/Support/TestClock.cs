using System.Threading.Channels;

using Microsoft.Extensions.Time.Testing;

namespace OrleansEci.Eci.Tests.Support;

/// <summary>
/// A FakeTimeProvider that reports every timer it creates, so a test can wait until the client is
/// really waiting (a retry delay, a token wait) and then advance exactly that far: no sleeps, no
/// guessing how long is long enough.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public TestClock()
        : base(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>
    /// Waits for the next timer whose due time matches, and returns that due time. Timers created
    /// disarmed (infinite due time, later set with Change, as CancellationTokenSource does) are skipped.
    /// </summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan due = await _timers.Reader.ReadAsync(cancellationToken);
            if (due != Timeout.InfiniteTimeSpan && match(due))
            {
                return due;
            }
        }
    }
}
