using System.Threading.Channels;

using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Nodes.Watch;

/// <summary>
/// Hands pod observations to pod grains with bounded parallelism while keeping each pod's observations in order:
/// a pod always goes to the same lane, and a lane calls its grains one after another. Full lanes push back on the
/// watch instead of buffering without bound.
/// </summary>
internal sealed partial class PodDispatcher : IAsyncDisposable
{
    private const int MaxAttempts = 5;

    private readonly Channel<(string Key, PodObservation Observation)>[] _lanes;
    private readonly Task[] _workers;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Action? _gaveUp;
    private long _dispatched;
    private long _failed;

    /// <param name="gaveUp">Called when an observation could not be handed over after every attempt (e.g. grain storage down
    /// for longer than the back-off); the watch lists again, so the pod is not left until the next resync.</param>
    public PodDispatcher(int lanes, IGrainFactory grains, TimeProvider time, ILogger log, Action? gaveUp = null)
    {
        _gaveUp = gaveUp;
        _time = time;
        _grains = grains;
        _log = log;
        _lanes = new Channel<(string, PodObservation)>[lanes];
        _workers = new Task[lanes];
        for (int i = 0; i < lanes; i++)
        {
            var lane = Channel.CreateBounded<(string, PodObservation)>(new BoundedChannelOptions(256) { SingleReader = true });
            _lanes[i] = lane;
            _workers[i] = Task.Run(() => RunLaneAsync(lane.Reader, _stop.Token));
        }
    }

    public long Dispatched => Interlocked.Read(ref _dispatched);

    public long Failed => Interlocked.Read(ref _failed);

    public ValueTask DispatchAsync(string podKey, PodObservation observation, CancellationToken cancellationToken)
    {
        int lane = (int)((uint)StringComparer.Ordinal.GetHashCode(podKey) % (uint)_lanes.Length);
        return _lanes[lane].Writer.WriteAsync((podKey, observation), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunLaneAsync(ChannelReader<(string Key, PodObservation Observation)> reader, CancellationToken ct)
    {
        await foreach (var (key, observation) in reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            // A call fails only while a silo is failing over (SiloUnavailable, a timeout until the dead silo is evicted,
            // about 10 s with the default membership settings): retry with bounded back-off, then leave it to the resync.
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await _grains.GetGrain<IPodGrain>(key).Observe(observation).ConfigureAwait(false);
                    Interlocked.Increment(ref _dispatched);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    if (attempt >= MaxAttempts)
                    {
                        Interlocked.Increment(ref _failed);
                        LogDispatchFailed(_log, key, e);
                        _gaveUp?.Invoke();
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), _time, ct).ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Handing pod {PodKey} to its grain failed five times; the watch lists again")]
    private static partial void LogDispatchFailed(ILogger logger, string podKey, Exception exception);
}
