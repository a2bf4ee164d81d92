using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

public sealed partial class JobController
{
    /// <summary>syncJob: count, decide whether the Job is finishing, create or delete pods, then track status and finalizers.</summary>
    private async Task SyncAsync(JobSyncContext ctx, CancellationToken cancellationToken)
    {
        var job = ctx.Job;
        var status = ctx.Status;
        var uncounted = KubeJson.GetOrAddObject(status, "uncountedTerminatedPods");
        ctx.UncountedSucceeded.UnionWith(Uids(uncounted["succeeded"]));
        ctx.UncountedFailed.UnionWith(Uids(uncounted["failed"]));
        var active = ctx.Active.Count;
        ctx.Ready = ctx.Active.Count(PodStates.IsReady);
        var newSucceeded = ctx.Pods.Where(p => HasTrackingFinalizer(p) && !ctx.UncountedSucceeded.Contains(p.Metadata.Uid) && p.Status?.Phase == "Succeeded").ToList();
        var newFailed = ctx.Pods.Where(p => HasTrackingFinalizer(p) && !ctx.UncountedFailed.Contains(p.Metadata.Uid) && IsPodFailed(p, job)).ToList();
        ctx.Succeeded = Count(status, "succeeded") + newSucceeded.Count + ctx.UncountedSucceeded.Count;
        ctx.Failed = Count(status, "failed") + newFailed.Count + ctx.UncountedFailed.Count;
        var suspended = job.Spec.Suspend == true;
        if (status["startTime"] is null && !suspended)
        {
            status["startTime"] = Timestamp;
        }

        ctx.NewBackoff = _backoff.GetValueOrDefault(ctx.Key, JobBackoff.None).After(newSucceeded, newFailed);
        DecideFinished(ctx, suspended);

        var suspendChanged = false;
        if (ctx.Finished is not null)
        {
            var (deletedReady, deleted) = await DeleteActiveAsync(ctx.Active, removeFinalizer: false, cancellationToken).ConfigureAwait(false);
            if (deleted != active)
            {
                ctx.Finished = null;
            }

            active -= deleted;
            ctx.Terminating += deleted;
            ctx.Ready -= deletedReady;
        }
        else
        {
            var managed = job.Metadata.DeletionTimestamp is null;
            if (managed)
            {
                active = await ManageAsync(ctx, active, suspended, cancellationToken).ConfigureAwait(false);
            }

            var complete = job.Spec.Completions is { } completions ? ctx.Succeeded >= completions && active == 0 : ctx.Succeeded > 0 && active == 0;
            if (complete)
            {
                ctx.Finished = JobConditions.New(JobConditions.SuccessCriteriaMet, "True", JobConditions.CompletionsReached, "Reached expected number of succeeded pods", Timestamp);
            }
            else if (managed)
            {
                suspendChanged = await SyncSuspendedAsync(ctx, suspended, cancellationToken).ConfigureAwait(false);
            }
        }

        var needsUpdate = suspendChanged || active != Count(status, "active") || ctx.Ready != Count(status, "ready") || ctx.Terminating != Count(status, "terminating")
            || status["ready"] is null || status["terminating"] is null;
        SetCount(status, "active", active);
        status["ready"] = ctx.Ready;
        status["terminating"] = ctx.Terminating;
        await TrackAsync(ctx, needsUpdate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The condition the Job is heading to: kept from an earlier sync, or a new FailureTarget for backoff or deadline.</summary>
    private void DecideFinished(JobSyncContext ctx, bool suspended)
    {
        var status = ctx.Status;
        if (Conditions.Find(status, JobConditions.SuccessCriteriaMet) is { } met && KubeJson.GetString(met, "status") == "True")
        {
            ctx.Finished = (JsonObject)met.DeepClone();
            return;
        }

        if (Conditions.Find(status, JobConditions.FailureTarget) is { } target && KubeJson.GetString(target, "status") == "True")
        {
            ctx.Finished = JobConditions.New(JobConditions.Failed, "True", KubeJson.GetString(target, "reason") ?? "", KubeJson.GetString(target, "message") ?? "", Timestamp);
            return;
        }

        var job = ctx.Job;
        if (ctx.Failed > (job.Spec.BackoffLimit ?? 6) || PastBackoffLimitOnFailure(job, ctx.Pods))
        {
            ctx.Finished = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.BackoffLimitExceeded, "Job has reached the specified backoff limit", Timestamp);
        }
        else if (job.Spec.ActiveDeadlineSeconds is { } deadline && !suspended && Typed.Time(StartTime(status)) is { } started)
        {
            var at = started.AddSeconds(deadline);
            if (at <= Now)
            {
                ctx.Finished = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.DeadlineExceeded, "Job was active longer than specified deadline", Timestamp);
            }
            else
            {
                Queue.AddAt(ctx.Key, at);
            }
        }
    }

    private async Task<bool> SyncSuspendedAsync(JobSyncContext ctx, bool suspended, CancellationToken cancellationToken)
    {
        if (suspended)
        {
            if (!JobConditions.Ensure(ctx.Status, JobConditions.Suspended, "True", "JobSuspended", "Job suspended", Timestamp))
            {
                return false;
            }

            await RecordAsync(ctx.Job, EventRecorder.Normal, "Suspended", "Job suspended", cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!JobConditions.Ensure(ctx.Status, JobConditions.Suspended, "False", "JobResumed", "Job resumed", Timestamp))
        {
            return false;
        }

        // A resumed Job starts its activeDeadlineSeconds afresh.
        ctx.Status["startTime"] = Timestamp;
        await RecordAsync(ctx.Job, EventRecorder.Normal, "Resumed", "Job resumed", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>isPodFailed: Failed, or (unless only failed pods are replaced) deleted before it succeeded.</summary>
    private static bool IsPodFailed(V1Pod pod, V1Job job)
    {
        if (pod.Status?.Phase == "Failed")
        {
            return true;
        }

        return job.Spec.PodReplacementPolicy != "Failed" && pod.Metadata.DeletionTimestamp is not null && pod.Status?.Phase != "Succeeded";
    }

    /// <summary>pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count against backoffLimit.</summary>
    private static bool PastBackoffLimitOnFailure(V1Job job, List<V1Pod> pods)
    {
        if (job.Spec.Template?.Spec?.RestartPolicy != "OnFailure")
        {
            return false;
        }

        var restarts = pods.Where(p => p.Status?.Phase is "Running" or "Pending")
            .Sum(p => (p.Status.InitContainerStatuses ?? []).Concat(p.Status.ContainerStatuses ?? []).Sum(c => c.RestartCount));
        var limit = job.Spec.BackoffLimit ?? 6;
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    private static DateTime? StartTime(JsonObject status) =>
        Objects.Meta.ParseTime(KubeJson.GetString(status, "startTime"))?.UtcDateTime;

    private static IEnumerable<string> Uids(JsonNode? list) =>
        (list as JsonArray ?? []).Select(u => u is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0);

    /// <summary>Go's omitempty for counters.</summary>
    private static void SetCount(JsonObject status, string field, long value)
    {
        if (value == 0)
        {
            status.Remove(field);
        }
        else
        {
            status[field] = value;
        }
    }
}
