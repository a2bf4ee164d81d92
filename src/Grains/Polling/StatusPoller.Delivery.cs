using Microsoft.Extensions.Logging;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Status;
using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Polling;

internal sealed partial class StatusPoller
{
    /// <summary>
    /// Lists every group of the cluster: delivers each status, tells pod grains whose group is gone, and resolves
    /// groups nobody tracks from their tags (adoption after a restart, or orphans to clean up).
    /// </summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _sweeps);
        DateTimeOffset started = _time.GetUtcNow();
        var statuses = new List<ContainerGroupStatus>();
        await foreach (ContainerGroupStatus s in _eci.ListContainerGroupStatusesAsync(
            new DescribeContainerGroupStatusRequest { Tags = ClusterTags, Limit = 200 }, ct).ConfigureAwait(false))
        {
            statuses.Add(s);
        }

        await DeliverStatusesAsync(statuses, ct).ConfigureAwait(false);

        // Tracked groups the sweep did not list may be gone; a lookup by id decides (a group tracked after the sweep
        // started is not judged by it).
        var listed = statuses.Select(s => s.ContainerGroupId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        string[] unlisted = [.. _routes.Keys.Where(id => !listed.Contains(id) && !_fresh.ContainsKey(id))];
        foreach (string[] batch in unlisted.Chunk(IdsPerCall))
        {
            var found = (await _eci.DescribeByIdsAsync(batch, ct).ConfigureAwait(false)).Select(g => g.ContainerGroupId).ToHashSet(StringComparer.Ordinal);
            var gone = batch.Where(id => !found.Contains(id))
                .Select(id => (id, new GroupObservation(id, GroupObservationKind.Missing, ReadOnlyMemory<byte>.Empty, started))).ToList();
            await DeliverAsync(gone, ct).ConfigureAwait(false);
        }
    }

    private async Task DeliverStatusesAsync(List<ContainerGroupStatus> statuses, CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var deliveries = new List<(string, GroupObservation)>(statuses.Count);
        var unknown = new List<string>();
        foreach (ContainerGroupStatus s in statuses)
        {
            if (s.ContainerGroupId is not { } id)
            {
                continue;
            }

            if (_routes.ContainsKey(id))
            {
                deliveries.Add((id, new GroupObservation(id, GroupObservationKind.Status, EciJson.Write(s), now)));
            }
            else
            {
                unknown.Add(id);
            }
        }

        await DeliverAsync(deliveries, ct).ConfigureAwait(false);
        if (unknown.Count > 0)
        {
            await ResolveUnknownAsync(unknown, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads unknown groups' tags (20 per call) and offers each to the pod grain its tags name.</summary>
    private async Task ResolveUnknownAsync(List<string> ids, CancellationToken ct)
    {
        foreach (string[] batch in ids.Chunk(IdsPerCall))
        {
            foreach (ContainerGroup g in await _eci.DescribeByIdsAsync(batch, ct).ConfigureAwait(false))
            {
                string? ns = ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Namespace);
                string? name = ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Name);
                string? uid = ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Uid);
                string? node = ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Node);
                if (g.ContainerGroupId is not { } id || ns is null || name is null || uid is null || node is null)
                {
                    LogUntaggedGroup(_log, g.ContainerGroupId ?? "?", _clusterId);
                    continue;
                }

                Interlocked.Increment(ref _orphans);
                await _grains.GetGrain<IPodGrain>(ns + "/" + name)
                    .Claim(new GroupClaim(id, uid, node, g.CreationTime, g.Status)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Delivers again what failed last round (a silo failing over), at most once per round.</summary>
    private async Task RedeliverAsync(CancellationToken ct)
    {
        var again = new List<(string, GroupObservation)>();
        for (int n = _redeliver.Count; n > 0 && _redeliver.TryDequeue(out var d); n--)
        {
            again.Add(d);
        }

        if (again.Count > 0)
        {
            await DeliverAsync(again, ct).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(List<(string Id, GroupObservation Observation)> deliveries, CancellationToken ct)
    {
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = _options.DeliveryParallelism, CancellationToken = ct },
            async (d, _) =>
            {
                if (!_routes.TryGetValue(d.Id, out string? podKey))
                {
                    return;
                }

                try
                {
                    await _grains.GetGrain<IPodGrain>(podKey).OnGroup(d.Observation).ConfigureAwait(false);
                    Interlocked.Increment(ref _deliveries);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Kept for the next round: the polls have moved past this change and would not report it again.
                    _redeliver.Enqueue(d);
                    LogDeliveryFailed(_log, d.Id, podKey, e);
                }
            }).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Container group {ContainerGroupId} of cluster {ClusterId} lacks the pod tags; left alone")]
    private static partial void LogUntaggedGroup(ILogger logger, string containerGroupId, string clusterId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Delivering container group {ContainerGroupId} to pod {PodKey} failed; delivering it again next round")]
    private static partial void LogDeliveryFailed(ILogger logger, string containerGroupId, string podKey, Exception exception);
}
