namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>One container's log: timestamped lines and a signal for followers. Thread-safe.</summary>
internal sealed class ContainerLog
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Time, string Line)> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _completed;

    public void Append(DateTimeOffset time, string line)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _lines.Add((time, line));
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _completed = true;
            changed = _changed;
        }

        changed.TrySetResult();
    }

    /// <summary>Lines from index <paramref name="from"/> on, whether the log is complete, and a task that completes on the next change.</summary>
    public (IReadOnlyList<(DateTimeOffset Time, string Line)> Lines, bool Completed, Task Changed) Read(int from)
    {
        lock (_gate)
        {
            return (from >= _lines.Count ? [] : _lines.GetRange(from, _lines.Count - from), _completed, _changed.Task);
        }
    }
}
