using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Pods.Mapping;
using OrleansEci.Grains.Pods.Status;
using OrleansEci.Grains.Zones;

namespace OrleansEci.Grains.Pods.Lifecycle;

/// <summary>
/// Groups that end without the pod ending: an asynchronous <c>ScheduleFailed</c> (ECI accepted the create, then found no
/// capacity), a group that vanished, a bare pod's expired spot instance. The pod moves to a fresh group: the old one is
/// deleted (it is terminal or gone, so there are never two live groups), the generation bumps (a new ClientToken), and the
/// create runs again through the normal retry path with capped back-off.
/// <list type="bullet">
/// <item><c>ScheduleFailed</c> counts as a failed create attempt, exactly like a synchronous failure, so it follows the
/// pod's fail strategy: <c>eci-reschedule-enable</c> keeps retrying and is never given up, and the zone's knowledge
/// learns the refusal (NoStock, StockClose, ...) so the next attempt's ranking starts with another zone or spec
/// (PodGrain.Zones.cs); <c>pod-fail-on-create-err</c> (fail-fast) ends Failed once
/// the attempts are spent; the default stays Pending with the reason (eci-on-kubernetes.md §5).</item>
/// <item>A lost group is recreated only with <c>eci-reschedule-enable</c>; otherwise the pod is Failed
/// (ContainerGroupLost), which its owner replaces.</item>
/// </list>
/// Every fresh group shows on the pod: a Warning event per reschedule with its count, and the condition
/// <c>ContainerInstanceRescheduled</c> whose message carries the count.
/// </summary>
public sealed partial class PodGrain
{
    /// <summary>The condition that shows how often the pod's group was created afresh.</summary>
    public const string RescheduledCondition = "ContainerInstanceRescheduled";

    /// <summary>
    /// Decides whether a group status ends the group without ending the pod; true when the grain took over (the status
    /// is then not written as it is).
    /// </summary>
    private async Task<bool> TakeOverAsync(string? eciStatus, V1PodStatus mapped)
    {
        if (Record.Stage != PodStage.Created)
        {
            return false;
        }

        if (eciStatus == EciGroupStatuses.ScheduleFailed)
        {
            await OnScheduleFailedAsync(mapped.Reason ?? EciGroupStatuses.ScheduleFailed, mapped.Message ?? "ECI could not schedule the container group.");
            return true;
        }

        if (eciStatus == EciGroupStatuses.Expired && _options.RecreateBareSpotPods && Shape.RestartPolicy == RestartPolicies.Always
            && await ReadPodAsync() is { } pod && pod.Metadata.Uid == Record.Uid && pod.Metadata.DeletionTimestamp is null && !EvictsOnSpotRelease(pod))
        {
            await RecreateAfterSpotAsync(pod);
            return true;
        }

        return false;
    }

    /// <summary>ECI accepted the create but could not schedule the group: a failed attempt, retried by the fail strategy.</summary>
    private async Task OnScheduleFailedAsync(string reason, string message)
    {
        if (await ReadPodAsync() is not { } pod || pod.Metadata.Uid != Record.Uid)
        {
            return; // the pod is gone: the watch's deletion cleans up
        }

        PodCreationPolicy policy = PodMapper.Policy(pod);
        string old = Record.ContainerGroupId ?? "?";
        LogScheduleFailed(_log, Key, old, reason, policy.FailStrategy);
        if (Record.Choice is { } choice && AsyncOutcome(reason) is { } outcome)
        {
            // The zone's knowledge learns what ECI found after accepting the create, so the next attempt's ranking starts
            // with another zone or spec.
            Learn(choice, outcome, null);
        }
        await NewGroupAsync(pod, counted: policy.FailStrategy == CreateFailStrategy.Reschedule,
            $"ECI could not schedule container group {old} ({reason}: {message})");
        await RetryLaterAsync(reason, message, policy, countAttempt: true);
        if (Record.Stage == PodStage.Creating && Record.NextAttemptAt is null)
        {
            // Attempts spent, the pod stays Pending: not created again by every status write that the watch echoes back.
            Record.ParkedGeneration = pod.Metadata.Generation ?? 0;
            await _state.WriteStateAsync();
        }
    }

    /// <summary>Whether the pod waits, Pending, for a change of its spec before it is created again (see <see cref="PodRecord.ParkedGeneration"/>).</summary>
    private bool Parked()
    {
        if (Record.ParkedGeneration is not { } parked)
        {
            return false;
        }

        if (_pod is null || (_pod.Metadata.Generation ?? 0) == parked)
        {
            return true;
        }

        Record.ParkedGeneration = null; // the spec changed: one more attempt with it
        return false;
    }

    /// <summary>The group vanished: with eci-reschedule-enable the pod gets a fresh group (true); otherwise false.</summary>
    private async Task<bool> RescheduleLostAsync(string lost)
    {
        if (await ReadPodAsync() is not { } pod || pod.Metadata.Uid != Record.Uid || pod.Metadata.DeletionTimestamp is not null
            || PodMapper.Policy(pod).FailStrategy != CreateFailStrategy.Reschedule)
        {
            return false;
        }

        _shape ??= PodShape.From(pod);
        await NewGroupAsync(pod, counted: true, $"Container group {lost} no longer exists");
        Kick(Backoff(Math.Max(1, Record.Reschedules)));
        return true;
    }

    /// <summary>A bare pod's spot instance expired: the pod runs again on a fresh group, a container restart to Kubernetes.</summary>
    private async Task RecreateAfterSpotAsync(V1Pod pod)
    {
        DateTimeOffset now = _time.GetUtcNow();
        Record.CarriedRestarts = PodStatusMapper.RestartsToCarry(Shape, _written);
        Record.CarriedEndedAt = now;
        string old = Record.ContainerGroupId ?? "?";
        LogSpotRecreate(_log, Key, old);
        await NewGroupAsync(pod, counted: false, $"The spot instance {old} was released");
        await PostAsync(new PodEvent("Normal", "SpotRecreating",
            $"The spot instance {old} was released; the pod runs again on a new container group (its containers restart).",
            1, now.UtcDateTime, now.UtcDateTime, "spot:recreate:" + old, ReportingInstance));
        Kick(TimeSpan.Zero);
    }

    /// <summary>
    /// Leaves the current group for a fresh one: deletes it (terminal or gone, so never two live groups), stops tracking
    /// it, and resets the create with a new generation. <paramref name="counted"/> reschedules are counted and shown.
    /// </summary>
    private async Task NewGroupAsync(V1Pod pod, bool counted, string why)
    {
        if (Record.ContainerGroupId is { } old)
        {
            await DeleteGroupQuietlyAsync(old, force: true);
            await Poller.Forget(old);
            ReportReleased();
        }

        _pod = pod;
        Record.Choice = null; // the next create ranks the zones afresh
        _shape ??= PodShape.From(pod);
        Record.ContainerGroupId = null;
        Record.Stage = PodStage.Creating;
        Record.Generation++;
        Record.ClientToken = null;
        Record.DeleteRequested = false;
        Record.AppliedImages = null;
        Record.AppliedVolumes = null;
        Record.SpotReleaseAt = null;
        Record.SpotNoticeAt = null;
        Record.SpotHandled = false;
        Record.NextAttemptAt = null;
        Record.ParkedGeneration = null;
        if (counted)
        {
            Record.Reschedules++;
        }

        await _state.WriteStateAsync();
        _groupStatus = null;
        if (counted)
        {
            DateTime now = _time.GetUtcNow().UtcDateTime;
            await PostAsync(new PodEvent("Warning", "Rescheduling", $"{why}; creating a new container group (reschedule {Record.Reschedules}).",
                1, now, now, "reschedule:" + Record.Reschedules, ReportingInstance));
        }
    }

    /// <summary>What an asynchronous creation problem (ECI's event reason) says about the zone and spec it was placed in.</summary>
    private static ZoneOutcome? AsyncOutcome(string reason) => reason switch
    {
        "NoStock" => ZoneOutcome.NoStock,
        "StockExhaust" => ZoneOutcome.StockExhaust,
        "StockClose" => ZoneOutcome.StockClose,
        "ResourceInsufficient" => ZoneOutcome.IpExhausted,
        _ => null,
    };

    /// <summary>
    /// What every status written for the pod carries besides the group's view: the spot notice while the instance is
    /// about to go, the reschedule count, and a DisruptionTarget that someone else set. Idempotent, and never changes the
    /// status last written (a copy is made).
    /// </summary>
    private V1PodStatus Decorate(V1PodStatus status)
    {
        // A DisruptionTarget someone else set (the API server's eviction, the taint manager, PodGC) is not the kubelet's alone
        // (kubetypes.PodConditionSharedByKubelet): the kubelet's mergePodStatus keeps it, and replaces it with its own only
        // when the pod turns terminal (pkg/kubelet/status/status_manager.go).
        V1PodCondition? othersDisruption = _written?.Conditions?.FirstOrDefault(c =>
            c.Type == EciConditionTypes.DisruptionTarget && c.Status == "True" && c.Reason != EciConditionTypes.TerminationByKubelet);
        bool keepDisruption = othersDisruption is not null
            && !(PodStatusMapper.IsTerminal(status) && status.Conditions?.Any(c => c.Type == EciConditionTypes.DisruptionTarget) == true);
        if (Record.SpotNoticeAt is null && Record.Reschedules == 0 && !keepDisruption)
        {
            return status;
        }

        if (ReferenceEquals(status, _written))
        {
            status = k8s.KubernetesJson.Deserialize<V1PodStatus>(k8s.KubernetesJson.Serialize(status));
        }

        if (Record.SpotNoticeAt is { } noticed && Record.Stage == PodStage.Created)
        {
            status = PodStatusMapper.WithSpotNotice(status, SpotMessage, noticed.UtcDateTime);
        }

        if (keepDisruption)
        {
            status.Conditions = [.. (status.Conditions ?? []).Where(c => c.Type != EciConditionTypes.DisruptionTarget), othersDisruption!];
        }

        if (Record.Reschedules > 0 && status.Conditions?.Any(c => c.Type == RescheduledCondition) != true)
        {
            string message = $"The pod's container group was created afresh {Record.Reschedules} time(s) after ECI could not schedule it or lost it.";
            status.Conditions = [.. status.Conditions ?? [], new V1PodCondition { Type = RescheduledCondition, Status = "True", Reason = "Rescheduled", Message = message }];
        }

        return PodStatusMapper.Stamp(status, _written, _time.GetUtcNow().UtcDateTime);
    }

    [LoggerMessage(EventId = 180, Level = LogLevel.Warning, Message = "Group {ContainerGroupId} of pod {PodKey} ended ScheduleFailed ({Reason}); fail strategy {Strategy}")]
    private static partial void LogScheduleFailed(ILogger logger, string podKey, string containerGroupId, string reason, CreateFailStrategy strategy);

    [LoggerMessage(EventId = 181, Level = LogLevel.Information, Message = "Spot instance {ContainerGroupId} of bare pod {PodKey} was released; creating the pod on a new group")]
    private static partial void LogSpotRecreate(ILogger logger, string podKey, string containerGroupId);
}
