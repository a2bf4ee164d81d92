using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Pods.Mapping;
using OrleansEci.Grains.Pods.Status;

namespace OrleansEci.Grains.Pods.Lifecycle;

/// <summary>
/// Spot release. ECI warns about 3 minutes before it releases a spot instance (SpotToBeReleased). The grain records the
/// release time (persisted: a silo that takes the pod over re-arms the timer), marks the pod DisruptionTarget, and:
/// <list type="bullet">
/// <item>a pod with an owner controller, or with <c>eci-spot-release-strategy: api-evict</c>, is evicted through the
/// Eviction API <see cref="PodLifecycleOptions.SpotEvictionLead"/> before the release, so its controller's replacement is
/// scheduled and running before the instance disappears; a PodDisruptionBudget that allows no disruption (429) is asked
/// again every <see cref="PodLifecycleOptions.SpotEvictionRetryInterval"/> until the release;</item>
/// <item>a bare pod with restartPolicy Always moves to a fresh group when the instance expires, if
/// <see cref="PodLifecycleOptions.RecreateBareSpotPods"/> is on (see PodGrain.Reschedule.cs);</item>
/// <item>otherwise, when the instance expires the pod becomes Failed with reason BidFailed, as on ACK.</item>
/// </list>
/// </summary>
public sealed partial class PodGrain
{
    private IGrainTimer? _spotTimer;

    /// <summary>Records a spot notice once per group: the release time, the timer, the pod's conditions.</summary>
    private async Task NoteSpotAsync(SpotNotice? notice)
    {
        if (notice is null || Record.SpotReleaseAt is not null || Record.Stage != PodStage.Created)
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset noticed = notice.At is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : now;
        Record.SpotNoticeAt = noticed > now ? now : noticed;
        Record.SpotReleaseAt = notice.ReleaseAt(now, _options.SpotReleaseNotice);
        Record.SpotHandled = false;
        await _state.WriteStateAsync();
        LogSpotNotice(_log, Key, Record.ContainerGroupId, Record.SpotReleaseAt.Value);
        JournalDecision("Spot instance to be released", $"{SpotMessage} Pods with a controller are evicted {_options.SpotEvictionLead} before the release.");
        ArmSpotTimer(TimeSpan.Zero);
        if (_written is { } last && !PodStatusMapper.IsTerminal(last))
        {
            // Show the disruption now, without waiting for the next change of the group's status.
            await WriteStatusAsync(last); // decorated with the notice (on a copy)
        }
    }

    /// <summary>The message of the pod's DisruptionTarget condition while its instance is about to go.</summary>
    private string SpotMessage => $"Spot ECI {Record.ContainerGroupId} will be released at {Record.SpotReleaseAt:yyyy-MM-ddTHH:mm:ssZ}.";

    /// <summary>Arms (or moves) the spot timer; a grain timer of its own, so work-loop kicks never push the deadline back.</summary>
    private void ArmSpotTimer(TimeSpan due)
    {
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        try
        {
            if (_spotTimer is null)
            {
                _spotTimer = this.RegisterGrainTimer(static (self, _) => self.SpotStepAsync(), this,
                    new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            }
            else
            {
                _spotTimer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
        catch (ObjectDisposedException)
        {
            // The activation is going away; its successor re-arms from the persisted deadline.
        }
    }

    /// <summary>On activation: a persisted release that is not handled yet gets its timer back.</summary>
    private void RearmSpotTimer()
    {
        if (Record.SpotReleaseAt is not null && !Record.SpotHandled && Record.Stage == PodStage.Created)
        {
            ArmSpotTimer(TimeSpan.Zero);
        }
    }

    /// <summary>The spot timer's turn: evict when the lead time is reached, retry a refused eviction, else wait.</summary>
    private async Task SpotStepAsync()
    {
        if (Record.SpotReleaseAt is not { } releaseAt || Record.SpotHandled || Record.Stage != PodStage.Created)
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset evictAt = releaseAt - _options.SpotEvictionLead;
        if (now < evictAt)
        {
            ArmSpotTimer(evictAt - now);
            return;
        }

        if (now >= releaseAt)
        {
            return; // too late to evict: the Expired group makes the pod Failed (BidFailed) and its owner replaces it
        }

        if (await ReadPodAsync() is not { } pod || pod.Metadata.Uid != Record.Uid || pod.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        _shape ??= PodShape.From(pod); // a fresh activation (re-armed from the persisted deadline) has not seen the pod yet
        _written ??= pod.Status;
        if (!EvictsOnSpotRelease(pod))
        {
            return; // a bare pod waits for the release (then Failed BidFailed, or a fresh group when the operator wants it)
        }

        switch (await EvictAsync(pod))
        {
            case EvictionOutcome.Accepted:
                Record.SpotHandled = true;
                await _state.WriteStateAsync();
                DateTime at = now.UtcDateTime;
                await PostAsync(new PodEvent("Normal", "SpotEviction",
                    $"Evicting the pod through the Eviction API: its spot instance {Record.ContainerGroupId} is released at {releaseAt:yyyy-MM-ddTHH:mm:ssZ}.",
                    1, at, at, "spot:evicted", ReportingInstance));
                break;
            case EvictionOutcome.Refused:
                // A PodDisruptionBudget allows no disruption now: ask again until the release (the budget may free up as the
                // replacement of another pod becomes ready).
                TimeSpan left = releaseAt - now;
                ArmSpotTimer(left < _options.SpotEvictionRetryInterval ? left : _options.SpotEvictionRetryInterval);
                await PostAsync(new PodEvent("Warning", "SpotEvictionRefused",
                    $"The eviction was refused (a PodDisruptionBudget allows no disruption now); trying again until the spot instance is released at {releaseAt:yyyy-MM-ddTHH:mm:ssZ}.",
                    1, now.UtcDateTime, now.UtcDateTime, "spot:refused", ReportingInstance));
                break;
            case EvictionOutcome.Failed:
                ArmSpotTimer(_options.SpotEvictionRetryInterval);
                break;
        }
    }

    /// <summary>
    /// Whether the pod is evicted ahead of the release: it has an owner controller that will replace it (a ReplicaSet, a
    /// StatefulSet, a Job, ...), or it asks for it with <c>eci-spot-release-strategy: api-evict</c> (ACK's annotation).
    /// </summary>
    private static bool EvictsOnSpotRelease(V1Pod pod) =>
        pod.Metadata.OwnerReferences?.Any(o => o.Controller == true) == true || PodMapper.Policy(pod).EvictOnSpotRelease;

    /// <summary>
    /// POST pods/{name}/eviction (policy/v1) with the pod's UID as precondition, so a replacement of the same name is never
    /// evicted. 429 means a disruption budget refused it now (pkg/registry/core/pod/storage/eviction.go).
    /// </summary>
    private async Task<EvictionOutcome> EvictAsync(V1Pod pod)
    {
        var eviction = new V1Eviction
        {
            ApiVersion = "policy/v1",
            Kind = "Eviction",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
            DeleteOptions = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } },
        };
        try
        {
            await _kube.CoreV1.CreateNamespacedPodEvictionAsync(eviction, Name, Namespace);
            LogEvicted(_log, Key, Record.ContainerGroupId);
            return EvictionOutcome.Accepted;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            LogEvictionRefused(_log, Key, e.Response.Content);
            return EvictionOutcome.Refused;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return EvictionOutcome.Accepted; // gone or replaced already: nothing left to evict
        }
        catch (HttpOperationException e)
        {
            LogEvictionFailed(_log, Key, (int)e.Response.StatusCode);
            return EvictionOutcome.Failed;
        }
    }

    private enum EvictionOutcome
    {
        Accepted,
        Refused,
        Failed,
    }

    [LoggerMessage(EventId = 170, Level = LogLevel.Information, Message = "Spot instance {ContainerGroupId} of pod {PodKey} is released at {ReleaseAt}")]
    private static partial void LogSpotNotice(ILogger logger, string podKey, string? containerGroupId, DateTimeOffset releaseAt);

    [LoggerMessage(EventId = 171, Level = LogLevel.Information, Message = "Pod {PodKey} evicted ahead of the release of its spot instance {ContainerGroupId}")]
    private static partial void LogEvicted(ILogger logger, string podKey, string? containerGroupId);

    [LoggerMessage(EventId = 172, Level = LogLevel.Information, Message = "Eviction of pod {PodKey} refused by a disruption budget: {Answer}")]
    private static partial void LogEvictionRefused(ILogger logger, string podKey, string? answer);

    [LoggerMessage(EventId = 173, Level = LogLevel.Warning, Message = "Eviction of pod {PodKey} failed with HTTP {Status}; will retry")]
    private static partial void LogEvictionFailed(ILogger logger, string podKey, int status);
}
