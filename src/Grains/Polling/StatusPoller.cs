using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

using OrleansEci.Eci;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;
using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Polling;

/// <summary>
/// The loop beside <see cref="StatusPollerGrain"/>: reads ECI for every group of the cluster (status deltas, event
/// deltas, fresh groups by id, a periodic sweep) and hands each pod grain what concerns its group. It never polls one
/// pod at a time. Routes come from pod grains (<see cref="Track"/>) and, for groups nobody claimed, from their tags.
/// </summary>
internal sealed partial class StatusPoller : IAsyncDisposable
{
    private const int IdsPerCall = ContainerGroupLookup.IdsPerCall;

    private readonly string _clusterId;
    private readonly IEciClient _eci;
    private readonly IGrainFactory _grains;
    private readonly StatusPollerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, string> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _fresh = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Id, GroupObservation Observation)> _redeliver = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _deltaPolls, _eventPolls, _freshPolls, _sweeps, _deliveries, _orphans;

    public StatusPoller(string clusterId, IEciClient eci, IGrainFactory grains, StatusPollerOptions options, TimeProvider time, ILogger log)
    {
        _clusterId = clusterId;
        _eci = eci;
        _grains = grains;
        _options = options;
        _time = time;
        _log = log;
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public void Track(string containerGroupId, string podKey, bool fresh)
    {
        _routes[containerGroupId] = podKey;
        if (fresh)
        {
            _fresh.TryAdd(containerGroupId, _time.GetUtcNow());
        }
    }

    public void Forget(string containerGroupId)
    {
        _routes.TryRemove(containerGroupId, out _);
        _fresh.TryRemove(containerGroupId, out _);
    }

    public StatusPollerState State() => new(_routes.Count, _fresh.Count, Interlocked.Read(ref _deltaPolls), Interlocked.Read(ref _eventPolls),
        Interlocked.Read(ref _freshPolls), Interlocked.Read(ref _sweeps), Interlocked.Read(ref _deliveries), Interlocked.Read(ref _orphans));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        DateTimeOffset start = _time.GetUtcNow();
        DateTimeOffset nextSweep = start, nextDelta = start + _options.DeltaInterval, nextEvents = start + _options.EventsInterval, nextFresh = start;
        DateTimeOffset lastDelta = start, lastEvents = start;
        while (!ct.IsCancellationRequested)
        {
            DateTimeOffset now = _time.GetUtcNow();
            try
            {
                await RedeliverAsync(ct).ConfigureAwait(false);
                if (now >= nextSweep)
                {
                    await SweepAsync(ct).ConfigureAwait(false);
                    nextSweep = now + _options.SweepInterval;
                    lastDelta = now;
                    nextDelta = now + _options.DeltaInterval;
                }
                else if (now >= nextDelta)
                {
                    await PollDeltaAsync(Since(lastDelta, now), ct).ConfigureAwait(false);
                    lastDelta = now;
                    nextDelta = now + _options.DeltaInterval;
                }

                if (now >= nextEvents)
                {
                    await PollEventsAsync(Since(lastEvents, now), ct).ConfigureAwait(false);
                    lastEvents = now;
                    nextEvents = now + _options.EventsInterval;
                }

                if (now >= nextFresh && !_fresh.IsEmpty)
                {
                    await PollFreshAsync(now, ct).ConfigureAwait(false);
                }

                nextFresh = now + _options.FreshInterval;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogPollFailed(_log, _clusterId, e);
                DateTimeOffset retry = _time.GetUtcNow() + _options.ErrorBackoff;
                nextDelta = nextDelta < retry ? retry : nextDelta;
                nextEvents = nextEvents < retry ? retry : nextEvents;
                nextFresh = retry;
            }

            DateTimeOffset due = _fresh.IsEmpty ? Min(nextDelta, nextEvents, nextSweep) : Min(Min(nextDelta, nextEvents, nextSweep), nextFresh, nextFresh);
            TimeSpan wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                // Wake at most one fresh interval later, so a group tracked meanwhile is polled promptly.
                await Task.Delay(wait < _options.FreshInterval ? wait : _options.FreshInterval, _time, ct).ConfigureAwait(false);
            }
        }
    }

    private int Since(DateTimeOffset last, DateTimeOffset now) => (int)Math.Ceiling((now - last + _options.Overlap).TotalSeconds);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

    private IReadOnlyList<Tag> ClusterTags => ContainerGroupTags.ForCluster(_clusterId);

    private async Task PollDeltaAsync(int sinceSeconds, CancellationToken ct)
    {
        Interlocked.Increment(ref _deltaPolls);
        var statuses = new List<ContainerGroupStatus>();
        await foreach (ContainerGroupStatus s in _eci.ListContainerGroupStatusesAsync(
            new DescribeContainerGroupStatusRequest { Tags = ClusterTags, SinceSecond = sinceSeconds, Limit = 200 }, ct).ConfigureAwait(false))
        {
            statuses.Add(s);
        }

        await DeliverStatusesAsync(statuses, ct).ConfigureAwait(false);
    }

    private async Task PollEventsAsync(int sinceSeconds, CancellationToken ct)
    {
        Interlocked.Increment(ref _eventPolls);
        var deliveries = new List<(string Id, GroupObservation Observation)>();
        DateTimeOffset now = _time.GetUtcNow();
        await foreach (ContainerGroupEvents g in _eci.ListContainerGroupEventsAsync(
            new DescribeContainerGroupEventsRequest { Tags = ClusterTags, SinceSecond = sinceSeconds, Limit = 200 }, ct).ConfigureAwait(false))
        {
            if (g.ContainerGroupId is { } id && g.Events.Count > 0)
            {
                deliveries.Add((id, new GroupObservation(id, GroupObservationKind.Events, EciJson.Write(g.Events), now)));
            }
        }

        await DeliverAsync(deliveries, ct).ConfigureAwait(false);
    }

    private async Task PollFreshAsync(DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (id, since) in _fresh)
        {
            if (now - since > _options.FreshTimeout)
            {
                _fresh.TryRemove(id, out _);
            }
        }

        string[] ids = [.. _fresh.Keys];
        foreach (string[] batch in ids.Chunk(IdsPerCall))
        {
            Interlocked.Increment(ref _freshPolls);
            var response = await _eci.DescribeContainerGroupsAsync(
                new DescribeContainerGroupsRequest { ContainerGroupIds = batch, WithEvent = true, Limit = IdsPerCall }, ct).ConfigureAwait(false);
            var found = response.ContainerGroups.Where(g => g.ContainerGroupId is not null).ToDictionary(g => g.ContainerGroupId!, StringComparer.Ordinal);
            var deliveries = new List<(string, GroupObservation)>();
            foreach (string id in batch)
            {
                if (found.TryGetValue(id, out ContainerGroup? group))
                {
                    deliveries.Add((id, new GroupObservation(id, GroupObservationKind.Group, EciJson.Write(group), now)));
                    if (group.Status is "Running" or "Succeeded" or "Failed" or "Expired" or "ScheduleFailed")
                    {
                        _fresh.TryRemove(id, out _);
                    }
                }
                else
                {
                    deliveries.Add((id, new GroupObservation(id, GroupObservationKind.Missing, ReadOnlyMemory<byte>.Empty, now)));
                    _fresh.TryRemove(id, out _);
                }
            }

            await DeliverAsync(deliveries, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "ECI status poll for cluster {ClusterId} failed; retrying after the error back-off")]
    private static partial void LogPollFailed(ILogger logger, string clusterId, Exception exception);
}
