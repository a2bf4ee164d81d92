using System.Collections.Immutable;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansEci.Grains.Cluster;

/// <summary>
/// Tells this silo's pod watches when another silo of the cluster is declared dead. Grains that lived there are
/// reactivated on the survivors only when something calls them; a pod grain in the middle of a create or a deletion
/// has nobody to call it until the next resync (15 min), so each watch lists again at once and hands every pod to its
/// grain (<see cref="Nodes.Watch.PodWatch.RequestRelist"/>). Fed by Orleans' own membership view
/// (<see cref="IClusterMembershipService.MembershipUpdates"/>), so it fires after the silo's eviction, when a call to
/// one of its grains activates a new instance instead of timing out.
/// </summary>
internal sealed partial class SiloDeaths(IClusterMembershipService membership, ILogger<SiloDeaths> log) : BackgroundService
{
    private readonly Lock _lock = new();
    private ImmutableArray<Action> _subscribers = [];

    /// <summary>Calls <paramref name="onDeath"/> (on a thread-pool thread; it must be quick) each time a silo dies, until disposed.</summary>
    public IDisposable Subscribe(Action onDeath)
    {
        ArgumentNullException.ThrowIfNull(onDeath);
        lock (_lock)
        {
            _subscribers = _subscribers.Add(onDeath);
        }

        return new Subscription(this, onDeath);
    }

    /// <summary>The silos dead in <paramref name="snapshot"/> that are not in <paramref name="known"/>.</summary>
    internal static IReadOnlyList<ClusterMember> NewlyDead(ClusterMembershipSnapshot snapshot, IReadOnlySet<SiloAddress> known) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && !known.Contains(m.SiloAddress))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Silos already dead when this one starts (rows kept in the membership table) are history, not news.
        HashSet<SiloAddress> dead = [.. NewlyDead(membership.CurrentSnapshot, new HashSet<SiloAddress>()).Select(m => m.SiloAddress)];
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var died = NewlyDead(snapshot, dead);
                if (died.Count == 0)
                {
                    continue;
                }

                foreach (var member in died)
                {
                    dead.Add(member.SiloAddress);
                    LogSiloDied(log, member.Name, member.SiloAddress.ToString());
                }

                foreach (var subscriber in _subscribers)
                {
                    try
                    {
                        subscriber();
                    }
                    catch (Exception e)
                    {
                        // One watch's failure must not end this service (an exception here would stop the silo's host).
                        LogSubscriberFailed(log, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Unsubscribe(Action onDeath)
    {
        lock (_lock)
        {
            _subscribers = _subscribers.Remove(onDeath);
        }
    }

    private sealed class Subscription(SiloDeaths owner, Action onDeath) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onDeath);
    }

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "A pod watch failed to list again after a silo's death; it lists again at its next resync")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Silo {SiloName} ({SiloAddress}) was declared dead; the pod watches list again so its pod grains resume on this cluster's survivors")]
    private static partial void LogSiloDied(ILogger logger, string siloName, string siloAddress);
}
