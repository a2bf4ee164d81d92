using System.Diagnostics.Metrics;

using OrleansEci.Eci.Diagnostics;
using OrleansEci.Grains.Diagnostics;

namespace OrleansEci.Silo.Dashboard;

/// <summary>
/// The last <see cref="Minutes"/> minutes of this process's ECI calls (per action: calls, throttles, other failures)
/// and status lag, per minute, listened to from the ECI client's and the pod grains' instruments. Bounded: one bucket
/// per action and minute. For the cluster-wide totals, scrape every silo's <c>/metrics</c>.
/// </summary>
internal sealed class RecentActivity : IDisposable
{
    public const int Minutes = 15;

    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<(long Minute, string Action), CallBucket> _calls = [];
    private readonly Dictionary<long, LagBucket> _lags = [];

    public RecentActivity(TimeProvider time)
    {
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is EciMetrics.CallsName or RuntimeMetrics.StatusLagName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => OnCall(tags, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == RuntimeMetrics.StatusLagName)
            {
                OnLag(value);
            }
        });
        _listener.Start();
    }

    /// <summary>Per action, the calls of the window, oldest minute first.</summary>
    public IReadOnlyList<ActionActivity> Calls()
    {
        long now = Minute();
        lock (_lock)
        {
            Trim(now);
            return [.. _calls.GroupBy(c => c.Key.Action, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var perMinute = Enumerable.Range(0, Minutes).Select(i => g.FirstOrDefault(c => c.Key.Minute == now - Minutes + 1 + i).Value ?? new CallBucket()).ToList();
                return new ActionActivity(g.Key, perMinute.Sum(b => b.Calls), perMinute.Sum(b => b.Throttled), perMinute.Sum(b => b.Failed),
                    [.. perMinute.Select(b => b.Calls)], [.. perMinute.Select(b => b.Throttled)]);
            })];
        }
    }

    /// <summary>Status lag of the window: count, mean and max in seconds (null when nothing was written).</summary>
    public LagSummary Lag()
    {
        long now = Minute();
        lock (_lock)
        {
            Trim(now);
            long count = _lags.Values.Sum(b => b.Count);
            return new LagSummary(count, count == 0 ? null : _lags.Values.Sum(b => b.Sum) / count, count == 0 ? null : _lags.Values.Max(b => b.Max));
        }
    }

    private void OnCall(ReadOnlySpan<KeyValuePair<string, object?>> tags, long value)
    {
        string action = "?";
        string outcome = "?";
        foreach (var tag in tags)
        {
            action = tag.Key == "action" ? tag.Value as string ?? action : action;
            outcome = tag.Key == "outcome" ? tag.Value as string ?? outcome : outcome;
        }

        lock (_lock)
        {
            var key = (Minute(), action);
            CallBucket bucket = _calls.TryGetValue(key, out CallBucket? held) ? held : _calls[key] = new CallBucket();
            bucket.Calls += value;
            bucket.Throttled += outcome == "Throttled" ? value : 0;
            bucket.Failed += outcome is not (EciMetrics.Ok or "Throttled") ? value : 0;
        }
    }

    private void OnLag(double seconds)
    {
        lock (_lock)
        {
            long minute = Minute();
            LagBucket bucket = _lags.TryGetValue(minute, out LagBucket? held) ? held : _lags[minute] = new LagBucket();
            bucket.Count++;
            bucket.Sum += seconds;
            bucket.Max = Math.Max(bucket.Max, seconds);
        }
    }

    private void Trim(long now)
    {
        foreach (var key in _calls.Keys.Where(k => k.Minute <= now - Minutes).ToList())
        {
            _calls.Remove(key);
        }

        foreach (long minute in _lags.Keys.Where(m => m <= now - Minutes).ToList())
        {
            _lags.Remove(minute);
        }
    }

    private long Minute() => _time.GetUtcNow().ToUnixTimeSeconds() / 60;

    public void Dispose() => _listener.Dispose();

    private sealed class CallBucket
    {
        public long Calls { get; set; }

        public long Throttled { get; set; }

        public long Failed { get; set; }
    }

    private sealed class LagBucket
    {
        public long Count { get; set; }

        public double Sum { get; set; }

        public double Max { get; set; }
    }
}
