using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Cluster;

namespace OrleansEci.Grains.Zones;

/// <summary>
/// This silo's copy of the zone grains' knowledge, which pod grains rank with locally: a create never calls a zone
/// grain. What this silo learns counts at once (applied here, then sent one-way to the zone grain); what other silos
/// learned arrives with the zone grain's snapshot, fetched in the background once the copy is older than
/// <see cref="ZoneKnowledgeOptions.SnapshotRefresh"/>. Thread-safe; one per silo.
/// </summary>
public sealed partial class ZoneKnowledgeCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _zones = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly IClusterCatalog _catalog;
    private readonly ZoneKnowledgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _createSlots;
    private long _snapshotFetches;

    public ZoneKnowledgeCache(IGrainFactory grains, IClusterCatalog catalog, IOptions<ZoneKnowledgeOptions> options, TimeProvider time, ILogger<ZoneKnowledgeCache> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _catalog = catalog;
        _options = options.Value;
        _time = time;
        _log = log;
        _createSlots = new SemaphoreSlim(_options.MaxCreatesInFlight, _options.MaxCreatesInFlight);
    }

    /// <summary>Snapshots fetched from zone grains so far: the only calls the ranking path causes.</summary>
    public long SnapshotFetches => Interlocked.Read(ref _snapshotFetches);

    /// <summary>
    /// The choices of one create attempt for <paramref name="request"/> (its vSwitches and specs, mapped from the pod's
    /// annotations or its node), best first; see <see cref="ZoneRanker"/>. Never waits.
    /// </summary>
    public IReadOnlyList<ZoneChoice> Plan(CreateContainerGroupRequest request, VirtualNodeSettings? node, Random random)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<ZoneCandidate> candidates = Candidates(request, node);
        DateTimeOffset now = _time.GetUtcNow();
        string strategy = request.ScheduleStrategy ?? _options.DefaultScheduleStrategy;
        return ZoneRanker.Rank(candidates, request, strategy, key => View(key, now), UsableAddresses, key => Find(key)?.InFlight ?? 0, random);
    }

    /// <summary>What is known of the zone with grain key <paramref name="zoneKey"/>, merged from this silo and the zone grain.</summary>
    internal ZoneView View(string zoneKey, DateTimeOffset now)
    {
        Entry entry = EntryFor(zoneKey);
        RefreshIfStale(zoneKey, entry, now);
        lock (entry)
        {
            return ZoneView.Merge(now, entry.Local.Facts(now), entry.Remote?.Facts);
        }
    }

    /// <summary>Learns <paramref name="report"/> here at once and tells the zone grain (one-way).</summary>
    public void Report(string zoneKey, ZoneReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Entry entry = EntryFor(zoneKey);
        lock (entry)
        {
            entry.Local.Apply(report);
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _grains.GetGrain<IZoneGrain>(zoneKey).Report(report);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                LogReportLost(_log, zoneKey, report.Outcome, e.Message);
            }
        });
    }

    /// <summary>
    /// Waits for one of this silo's <see cref="ZoneKnowledgeOptions.MaxCreatesInFlight"/> create slots; rank and send
    /// while holding it, and give it back (dispose) as soon as ECI answered.
    /// </summary>
    public async Task<IDisposable> EnterCreateAsync(CancellationToken cancellationToken)
    {
        await _createSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new CreateSlot(_createSlots);
    }

    /// <summary>Counts a create in flight in the zone until disposed (weights spread concurrent creates).</summary>
    public IDisposable BeginCreate(string zoneKey)
    {
        Entry entry = EntryFor(zoneKey);
        Interlocked.Increment(ref entry.InFlight);
        return new InFlightCreate(entry);
    }

    public void Dispose() => _createSlots.Dispose();

    /// <summary>The zone grain key of <paramref name="zoneId"/> in this runtime's region.</summary>
    public string ZoneKey(string zoneId) => $"{_catalog.RegionId}/{zoneId}";

    private List<ZoneCandidate> Candidates(CreateContainerGroupRequest request, VirtualNodeSettings? node)
    {
        if (request.VSwitchIds is not { Count: > 0 } vSwitches)
        {
            string? zone = request.ZoneId ?? node?.ZoneId;
            return [new ZoneCandidate(zone is null ? $"{_catalog.RegionId}/any" : ZoneKey(zone), zone, [])];
        }

        var byZone = new List<ZoneCandidate>();
        foreach (string v in vSwitches)
        {
            string? zone = _options.VSwitches.TryGetValue(v, out ZoneVSwitchOptions? known) ? known.ZoneId
                : node is { ZoneId: { } nodeZone } && node.VSwitchIds.Contains(v) ? nodeZone
                : null;
            string key = zone is null ? $"{_catalog.RegionId}/vswitch:{v}" : ZoneKey(zone);
            int at = byZone.FindIndex(c => c.ZoneKey == key);
            if (at < 0)
            {
                byZone.Add(new ZoneCandidate(key, zone, [v]));
            }
            else
            {
                byZone[at] = byZone[at] with { VSwitchIds = [.. byZone[at].VSwitchIds, v] };
            }
        }

        return byZone;
    }

    private int? UsableAddresses(string vSwitchId) =>
        _options.VSwitches.TryGetValue(vSwitchId, out ZoneVSwitchOptions? v) && v.CidrBlock is { } cidr ? ZoneKnowledgeOptions.UsableAddresses(cidr) : null;

    private Entry EntryFor(string zoneKey) => _zones.GetOrAdd(zoneKey, static (_, decay) => new Entry(new ZoneKnowledge(decay)), _options.Decay);

    private Entry? Find(string zoneKey) => _zones.GetValueOrDefault(zoneKey);

    private void RefreshIfStale(string zoneKey, Entry entry, DateTimeOffset now)
    {
        if (now - entry.FetchedAt < _options.SnapshotRefresh || Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) != 0)
        {
            return;
        }

        // Off the calling grain's scheduler: the pod grain's turn goes on without waiting for the answer.
        _ = Task.Run(async () =>
        {
            try
            {
                ZoneSnapshot snapshot = await _grains.GetGrain<IZoneGrain>(zoneKey).GetSnapshot();
                Interlocked.Increment(ref _snapshotFetches);
                lock (entry)
                {
                    entry.Remote = snapshot;
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                LogSnapshotFailed(_log, zoneKey, e.Message);
            }
            finally
            {
                entry.FetchedAt = _time.GetUtcNow();
                Volatile.Write(ref entry.Refreshing, 0);
            }
        });
    }

    private sealed class Entry(ZoneKnowledge local)
    {
        public readonly ZoneKnowledge Local = local;
        public ZoneSnapshot? Remote;
        public DateTimeOffset FetchedAt = DateTimeOffset.MinValue;
        public int Refreshing;
        public int InFlight;
    }

    private sealed class CreateSlot(SemaphoreSlim slots) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    private sealed class InFlightCreate(Entry entry) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref entry.InFlight);
            }
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "A {Outcome} report for zone {ZoneKey} did not reach its grain: {Error}")]
    private static partial void LogReportLost(ILogger logger, string zoneKey, ZoneOutcome outcome, string error);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "Fetching the knowledge of zone {ZoneKey} failed (this silo ranks with its own until the next try): {Error}")]
    private static partial void LogSnapshotFailed(ILogger logger, string zoneKey, string error);
}
