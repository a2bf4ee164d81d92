using System.Collections.Concurrent;
using System.Threading.Channels;

using Microsoft.Extensions.Time.Testing;

namespace OrleansEci.Eci.Tests.Faults;

/// <summary>
/// The client's view of a shared <see cref="FakeTimeProvider"/>, which knows what the client is waiting for:
/// attempt deadlines (the per-attempt timeout: timers armed for exactly <c>attemptTimeout</c>, from just before
/// a request is signed until its answer is in) and sleeps (retry back-off, token-bucket waits: every other timer).
/// <see cref="ClockPump"/> uses it to move fake time only while no attempt can be cut short by it.
/// </summary>
internal sealed class ClientClock(FakeTimeProvider clock, TimeSpan attemptTimeout) : TimeProvider
{
    private readonly TimeSpan _attemptTimeout = attemptTimeout;
    private readonly ConcurrentDictionary<TrackedTimer, DateTimeOffset> _deadlines = new();
    private readonly ConcurrentDictionary<TrackedTimer, DateTimeOffset> _sleeps = new();
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _deadlinesFired;

    /// <summary>Attempts in progress (their deadline is armed).</summary>
    public int ArmedDeadlines => _deadlines.Count;

    /// <summary>Attempts cut short by their deadline so far.</summary>
    public int DeadlinesFired => Volatile.Read(ref _deadlinesFired);

    /// <summary>When the next armed timer (sleep or deadline) is due; null when none is armed.</summary>
    public DateTimeOffset? NextDue =>
        _deadlines.Values.Concat(_sleeps.Values).DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var due && due != DateTimeOffset.MaxValue ? due : null;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    /// <summary>Waits until a timer is armed, fires or is disposed, or <paramref name="atMost"/> of real time passes.</summary>
    public async Task WaitForChangeAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        using CancellationTokenSource limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(atMost);
        try
        {
            await _changed.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing changed on the client's side; the caller looks at the service again.
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TrackedTimer timer = new(this);
        timer.Inner = clock.CreateTimer(_ => timer.Fire(callback, state), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Armed(TrackedTimer timer, TimeSpan dueTime, DateTimeOffset due)
    {
        (dueTime == _attemptTimeout ? _deadlines : _sleeps)[timer] = due;
        _changed.Writer.TryWrite(true);
    }

    private void Disarmed(TrackedTimer timer, bool deadlineFired)
    {
        if (deadlineFired)
        {
            Interlocked.Increment(ref _deadlinesFired);
        }

        _deadlines.TryRemove(timer, out _);
        _sleeps.TryRemove(timer, out _);
        _changed.Writer.TryWrite(true);
    }

    /// <summary>A timer of the fake clock whose arming, firing and disposal the <see cref="ClientClock"/> sees.</summary>
    private sealed class TrackedTimer(ClientClock owner) : ITimer
    {
        private readonly Lock _gate = new();
        private long _generation;
        private bool _isDeadline;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long generation = Forget(fired: false, isDeadline: dueTime == owner._attemptTimeout);
            bool changed = Inner.Change(dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                // Read after the inner timer is armed: the pump may move the clock meanwhile, and a due time recorded
                // before that would be earlier than the inner timer's, which then never fires when the pump gets there.
                DateTimeOffset due = owner.GetUtcNow() + dueTime;
                lock (_gate)
                {
                    if (_generation == generation)
                    {
                        owner.Armed(this, dueTime, due);
                    }
                }
            }

            return changed;
        }

        public void Fire(TimerCallback callback, object? state)
        {
            Forget(fired: true, _isDeadline);
            callback(state);
        }

        public void Dispose()
        {
            Forget(fired: false, isDeadline: false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Forget(fired: false, isDeadline: false);
            return Inner.DisposeAsync();
        }

        /// <summary>Drops the recorded due time; a Change still in progress will not record its stale one.</summary>
        private long Forget(bool fired, bool isDeadline)
        {
            lock (_gate)
            {
                owner.Disarmed(this, fired && _isDeadline);
                _isDeadline = isDeadline;
                return ++_generation;
            }
        }
    }
}
