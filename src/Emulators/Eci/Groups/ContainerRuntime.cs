namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// One running (or waiting, or finished) container of a group: its state, restarts and log. Guarded by the owning
/// group's lock; times are the exact moments transitions were due, not when someone looked.
/// </summary>
internal sealed class ContainerRuntime(ContainerSpec spec, bool isInit)
{
    private List<(DateTimeOffset At, string Line)> _log = [];
    private List<(DateTimeOffset At, string Line)> _previousLog = [];
    private bool _started;

    public ContainerSpec Spec { get; } = spec;
    public bool IsInit { get; } = isInit;
    public ContainerProgram Program { get; } = ContainerProgram.From(spec.Commands, spec.Args);
    public ContainerState Current { get; private set; } = ContainerState.Waiting("ContainerCreating");
    public ContainerState? Previous { get; private set; }
    public int RestartCount { get; set; }

    /// <summary>When this container next changes by itself (exits, or restarts after back-off); null when never.</summary>
    public DateTimeOffset? Due { get; private set; }

    /// <summary>Started at least once in the current incarnation of the group.</summary>
    public bool HasRun => _started;

    public bool IsRunning => Current.State == "Running";

    /// <summary>When the container's state last changed (start, wait, termination); drives <c>SinceSecond</c>.</summary>
    public DateTimeOffset? ChangedAt { get; private set; }

    public bool IsTerminated => Current.State == "Terminated";

    public void Start(DateTimeOffset at)
    {
        if (Current.State == "Terminated")
        {
            Previous = Current;
        }

        if (_started)
        {
            _previousLog = _log;
        }

        _started = true;
        ChangedAt = at;
        Current = ContainerState.Running(at);
        _log = [.. Program.Log.Select(l => (at + l.At, l.Line))];
        Due = Program.EndsAfter is TimeSpan d ? at + d : null;
    }

    public void Wait(string reason, DateTimeOffset? until, string? message = null)
    {
        if (Current.State == "Terminated")
        {
            // While backing off, CurrentState is Waiting and PreviousState the termination; the log stays the
            // last run's until the next start (as kubectl logs shows during CrashLoopBackOff).
            Previous = Current;
        }

        Current = ContainerState.Waiting(reason, message);
        Due = until;
    }

    public void Terminate(DateTimeOffset at, int exitCode, string reason, int? signal = null)
    {
        ChangedAt = at;
        Current = new ContainerState("Terminated", reason, null, Current.StartTime, at, exitCode, signal);
        _log.RemoveAll(l => l.At > at);
        Due = null;
    }

    public void ScheduleRestart(DateTimeOffset? at) => Due = at;

    /// <summary>Log lines visible at <paramref name="now"/>; <paramref name="previous"/> = the last incarnation's.</summary>
    public IEnumerable<(DateTimeOffset At, string Line)> LogAt(DateTimeOffset now, bool previous) =>
        (previous ? _previousLog : _log).Where(l => l.At <= now);
}
