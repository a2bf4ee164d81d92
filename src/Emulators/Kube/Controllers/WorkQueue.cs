namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>
/// A controller's work queue with the semantics of client-go's workqueue (k8s.io/client-go/util/workqueue): a key waits
/// in the queue at most once; a key added while it is being processed is processed again afterwards, never twice at
/// once; delayed adds run on the injected <see cref="TimeProvider"/> (the earliest pending delay wins); failures back
/// off exponentially per key until <see cref="Forget"/>.
/// </summary>
internal sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, Delayed> _delayed = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private static readonly TimeSpan ClockJumpTolerance = TimeSpan.FromMilliseconds(1);
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TimeProvider _time;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private bool _shutdown;

    public WorkQueue(TimeProvider time, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        _time = time;
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    /// <summary>Keys waiting, delayed or being processed (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count + _processing.Count + _delayed.Count;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (_gate)
        {
            if (_shutdown || !_dirty.Add(key) || _processing.Contains(key))
            {
                // Already waiting, or being processed: Done puts it back.
                return;
            }

            _queue.Enqueue(key);
        }

        _ready.Release();
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed on the clock (at once when it is not positive).</summary>
    public void AddAfter(TKey key, TimeSpan delay) => AddAt(key, _time.GetUtcNow() + delay);

    /// <summary>
    /// Adds the key when the clock reaches <paramref name="due"/> (at once if it has). If the clock jumps while the timer is
    /// being armed (a fake clock advanced by another thread), the timer is armed again from the new time, so it can never
    /// end up due later than <paramref name="due"/>.
    /// </summary>
    public void AddAt(TKey key, DateTimeOffset due)
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = _time.GetUtcNow();
            if (due <= before)
            {
                Add(key);
                return;
            }

            if (!Arm(key, due, due - before, force: attempt > 0))
            {
                return;
            }

            if (_time.GetUtcNow() - before <= ClockJumpTolerance)
            {
                return;
            }
        }
    }

    /// <summary>Adds the key after its per-key exponential backoff (base × 2^(failures−1), capped).</summary>
    public void AddRateLimited(TKey key)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        }

        var exponent = Math.Min(failures - 1, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(_baseDelay.Ticks * Math.Pow(2, exponent), _maxDelay.Ticks));
        AddAfter(key, delay);
    }

    /// <summary>Clears the key's failure count (after a successful sync).</summary>
    public void Forget(TKey key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Waits for the next key and marks it as being processed; call <see cref="Done"/> afterwards.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    /// <summary>Ends processing of a key; if it was added meanwhile it goes back into the queue.</summary>
    public void Done(TKey key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (_shutdown || !_dirty.Contains(key))
            {
                return;
            }

            _queue.Enqueue(key);
        }

        _ready.Release();
    }

    public void Dispose()
    {
        List<ITimer?> timers;
        lock (_gate)
        {
            _shutdown = true;
            timers = [.. _delayed.Values.Select(d => d.Timer)];
            _delayed.Clear();
        }

        foreach (var timer in timers)
        {
            timer?.Dispose();
        }

        _ready.Dispose();
    }

    /// <summary>Arms a timer for the key unless an earlier one is pending (or <paramref name="force"/>); false when nothing was armed.</summary>
    private bool Arm(TKey key, DateTimeOffset due, TimeSpan delay, bool force)
    {
        ITimer? replaced = null;
        lock (_gate)
        {
            if (_shutdown)
            {
                return false;
            }

            if (_delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due && !force)
                {
                    return false;
                }

                replaced = pending.Timer;
            }

            var entry = new Delayed(due);
            _delayed[key] = entry;
            entry.Timer = _time.CreateTimer(_ => Fire(key, entry), null, delay, Timeout.InfiniteTimeSpan);
        }

        replaced?.Dispose();
        return true;
    }

    private void Fire(TKey key, Delayed entry)
    {
        lock (_gate)
        {
            if (!_delayed.TryGetValue(key, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            _delayed.Remove(key);
        }

        entry.Timer?.Dispose();
        Add(key);
    }

    private sealed class Delayed(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer? Timer { get; set; }
    }
}
