using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

public sealed partial class JobController
{
    /// <summary>
    /// trackJobStatusAndRemoveFinalizers: record finished pods in uncountedTerminatedPods (and the interim condition),
    /// remove their finalizers, move them into the succeeded/failed counters, then add Complete or Failed once nothing is
    /// uncounted or still terminating.
    /// </summary>
    private async Task TrackAsync(JobSyncContext ctx, bool needsFlush, CancellationToken cancellationToken)
    {
        var status = ctx.Status;
        var withFinalizer = ctx.Pods.Where(HasTrackingFinalizer).Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        needsFlush |= CountReleased(ctx, withFinalizer);
        var release = new List<V1Pod>();
        foreach (var pod in ctx.Pods.Where(HasTrackingFinalizer))
        {
            var failed = IsPodFailed(pod, ctx.Job);
            if (!(ctx.Job.Metadata.DeletionTimestamp is not null || ctx.Finished is not null || pod.Status?.Phase == "Succeeded" || failed))
            {
                continue;
            }

            release.Add(pod);
            if (pod.Status?.Phase == "Succeeded" && !ctx.UncountedFailed.Contains(pod.Metadata.Uid))
            {
                needsFlush |= ctx.UncountedSucceeded.Add(pod.Metadata.Uid);
            }
            else if (failed || (ctx.Finished is not null && JobConditions.Type(ctx.Finished) != JobConditions.SuccessCriteriaMet))
            {
                needsFlush |= ctx.UncountedFailed.Add(pod.Metadata.Uid);
            }
        }

        needsFlush |= PromoteInterimCondition(ctx);
        WriteUncounted(ctx);
        if (needsFlush)
        {
            await WriteStatusAsync(ctx, cancellationToken).ConfigureAwait(false);
            _backoff[ctx.Key] = ctx.NewBackoff;
            needsFlush = false;
        }

        foreach (var pod in release)
        {
            if (await RemoveFinalizerAsync(pod, cancellationToken).ConfigureAwait(false))
            {
                withFinalizer.Remove(pod.Metadata.Uid);
            }
        }

        needsFlush |= CountReleased(ctx, withFinalizer);
        var finished = Enact(ctx);
        if (needsFlush || finished)
        {
            WriteUncounted(ctx);
            await WriteStatusAsync(ctx, cancellationToken).ConfigureAwait(false);
        }

        if (finished)
        {
            _backoff.Remove(ctx.Key);
            await RecordFinishedAsync(ctx, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The interim FailureTarget / SuccessCriteriaMet condition goes into the status; the final condition is prepared.</summary>
    private bool PromoteInterimCondition(JobSyncContext ctx)
    {
        var finished = ctx.Finished;
        var type = JobConditions.Type(finished);
        if (finished is null || type is not (JobConditions.FailureTarget or JobConditions.SuccessCriteriaMet))
        {
            return false;
        }

        var changed = false;
        if (Conditions.Find(ctx.Status, type) is null)
        {
            Conditions.Put(ctx.Status, finished);
            changed = true;
        }

        ctx.Finished = JobConditions.New(type == JobConditions.FailureTarget ? JobConditions.Failed : JobConditions.Complete, "True",
            KubeJson.GetString(finished, "reason") ?? "", KubeJson.GetString(finished, "message") ?? "", Timestamp);
        return changed;
    }

    /// <summary>cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone move into the counters.</summary>
    private static bool CountReleased(JobSyncContext ctx, HashSet<string> withFinalizer)
    {
        var succeeded = ctx.UncountedSucceeded.RemoveWhere(uid => !withFinalizer.Contains(uid));
        var failed = ctx.UncountedFailed.RemoveWhere(uid => !withFinalizer.Contains(uid));
        SetCount(ctx.Status, "succeeded", Count(ctx.Status, "succeeded") + succeeded);
        SetCount(ctx.Status, "failed", Count(ctx.Status, "failed") + failed);
        return succeeded + failed > 0;
    }

    /// <summary>enactJobFinished: the final condition once nothing is uncounted or terminating; completionTime for Complete.</summary>
    private bool Enact(JobSyncContext ctx)
    {
        if (ctx.Finished is not { } finished || ctx.UncountedSucceeded.Count + ctx.UncountedFailed.Count > 0 || ctx.Terminating > 0)
        {
            return false;
        }

        var type = JobConditions.Type(finished)!;
        JobConditions.Ensure(ctx.Status, type, "True", KubeJson.GetString(finished, "reason") ?? "", KubeJson.GetString(finished, "message") ?? "", Timestamp);
        if (type == JobConditions.Complete)
        {
            ctx.Status["completionTime"] = KubeJson.GetString(Conditions.Find(ctx.Status, type), "lastTransitionTime");
        }

        return true;
    }

    private async Task RecordFinishedAsync(JobSyncContext ctx, CancellationToken cancellationToken)
    {
        var finished = ctx.Finished!;
        if (JobConditions.Type(finished) == JobConditions.Complete)
        {
            if (ctx.Job.Spec.Completions is { } completions && Count(ctx.Status, "succeeded") > completions)
            {
                await RecordAsync(ctx.Job, EventRecorder.Warning, "TooManySucceededPods", "Too many succeeded pods running after completion count reached", cancellationToken)
                    .ConfigureAwait(false);
            }

            await RecordAsync(ctx.Job, EventRecorder.Normal, "Completed", "Job completed", cancellationToken).ConfigureAwait(false);
            return;
        }

        await RecordAsync(ctx.Job, EventRecorder.Warning, KubeJson.GetString(finished, "reason") ?? "", KubeJson.GetString(finished, "message") ?? "", cancellationToken)
            .ConfigureAwait(false);
    }

    private static void WriteUncounted(JobSyncContext ctx)
    {
        var uncounted = new JsonObject();
        if (ctx.UncountedSucceeded.Count > 0)
        {
            uncounted["succeeded"] = new JsonArray([.. ctx.UncountedSucceeded.Order(StringComparer.Ordinal).Select(u => (JsonNode)u)]);
        }

        if (ctx.UncountedFailed.Count > 0)
        {
            uncounted["failed"] = new JsonArray([.. ctx.UncountedFailed.Order(StringComparer.Ordinal).Select(u => (JsonNode)u)]);
        }

        ctx.Status["uncountedTerminatedPods"] = uncounted;
    }

    private Task<WriteResult> WriteStatusAsync(JobSyncContext ctx, CancellationToken cancellationToken)
    {
        var status = ctx.Status.DeepClone();
        return Service.UpdateWithAsync(_jobs, ctx.Job.Metadata.NamespaceProperty, ctx.Job.Metadata.Name, obj =>
        {
            if (Meta.Uid(obj) == ctx.Job.Metadata.Uid)
            {
                obj["status"] = status.DeepClone();
            }

            return obj;
        }, WriteOptions.Default, "status", cancellationToken);
    }
}
