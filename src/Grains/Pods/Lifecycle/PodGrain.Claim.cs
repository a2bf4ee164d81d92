using k8s;
using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Diagnostics;

namespace OrleansEci.Grains.Pods.Lifecycle;

public sealed partial class PodGrain
{
    /// <summary>
    /// Reconcile for a group found by the sweep: adopt it when it belongs to the pod this grain holds (or to the live
    /// pod of that name, when the grain lost its state), delete a duplicate, and delete an orphan only when its pod is
    /// gone and the group is older than the grace period.
    /// </summary>
    public async Task Claim(GroupClaim claim)
    {
        if (Record.Uid == claim.PodUid && Record.Stage is not (PodStage.Deleted or PodStage.Rejected))
        {
            if (Record.ContainerGroupId is null || Record.ContainerGroupId == claim.ContainerGroupId)
            {
                // Always read by id once: the claim's status is not applied here, and a poller that restarted has no
                // earlier view of this group to deliver (a Running group would otherwise wait for the next sweep).
                await AdoptAsync(claim.ContainerGroupId, fresh: true);
                JournalClaim(claim, RuntimeMetrics.Adopted);
                if (Record.Stage == PodStage.Deleting)
                {
                    Kick(TimeSpan.Zero);
                }
            }
            else
            {
                LogDuplicate(_log, Key, Record.ContainerGroupId, claim.ContainerGroupId);
                await DeleteGroupQuietlyAsync(claim.ContainerGroupId, force: true);
                JournalClaim(claim, RuntimeMetrics.DuplicateDeleted);
            }

            return;
        }

        V1Pod? pod = await ReadPodAsync();
        if (pod is not null && pod.Metadata.Uid == claim.PodUid && Record.Uid.Length == 0 && _catalog.Find(claim.NodeName) is not null)
        {
            // The grain lost its state (a restart with volatile storage): the pod is alive, the group is its.
            _state.State = new PodRecord { Uid = claim.PodUid, NodeName = claim.NodeName, ClientToken = ClientTokenFor(claim.PodUid, 0) };
            _shape = Status.PodShape.From(pod);
            _written ??= pod.Status;
            await AdoptAsync(claim.ContainerGroupId, fresh: true);
            JournalClaim(claim, RuntimeMetrics.Adopted);
            return;
        }

        bool podGone = pod is null || pod.Metadata.Uid != claim.PodUid;
        bool old = claim.CreatedAt is not { } created || _time.GetUtcNow() - created >= _options.OrphanGracePeriod;
        if (podGone && old)
        {
            LogOrphan(_log, claim.ContainerGroupId, Key, claim.PodUid);
            await DeleteGroupQuietlyAsync(claim.ContainerGroupId, force: true);
        }

        JournalClaim(claim, podGone && old ? RuntimeMetrics.OrphanDeleted : RuntimeMetrics.OrphanKept);
    }

    /// <summary>The pod as the API server has it now, or null when it is gone.</summary>
    private Task<V1Pod?> ReadPodAsync() => GetOrNullAsync(() => _kube.CoreV1.ReadNamespacedPodAsync(Name, Namespace));

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "Pod {PodKey} has group {Kept} and a second group {Duplicate}; deleting the second")]
    private static partial void LogDuplicate(ILogger logger, string podKey, string kept, string duplicate);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Deleting orphan container group {ContainerGroupId}: its pod {PodKey} (UID {PodUid}) is gone")]
    private static partial void LogOrphan(ILogger logger, string containerGroupId, string podKey, string podUid);
}
