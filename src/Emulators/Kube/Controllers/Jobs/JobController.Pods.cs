using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Controllers.ReplicaSets;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

public sealed partial class JobController
{
    private const int MaxPodCreateDeletePerSync = 500;

    /// <summary>manageJob (NonIndexed): as many active pods as parallelism and the remaining completions allow, after the failure backoff.</summary>
    private async Task<int> ManageAsync(JobSyncContext ctx, int active, bool suspended, CancellationToken cancellationToken)
    {
        var job = ctx.Job;
        if (suspended)
        {
            var (_, removed) = await DeleteActiveAsync(ctx.Active, removeFinalizer: true, cancellationToken).ConfigureAwait(false);
            return active - removed;
        }

        var parallelism = job.Spec.Parallelism ?? 1;
        long want = job.Spec.Completions is { } completions
            ? Math.Clamp(completions - ctx.Succeeded, 0, parallelism)
            : ctx.Succeeded > 0 ? active : parallelism;
        if (active > want)
        {
            var surplus = PodDeletionOrder.PickForDeletion(ctx.Active, [], (int)Math.Min(active - want, MaxPodCreateDeletePerSync), Now);
            var (_, removed) = await DeleteActiveAsync(surplus, removeFinalizer: true, cancellationToken).ConfigureAwait(false);
            return active - removed;
        }

        var terminating = job.Spec.PodReplacementPolicy == "Failed" ? ctx.Terminating : 0;
        var missing = (int)Math.Min(want - terminating - active, MaxPodCreateDeletePerSync);
        if (missing <= 0)
        {
            return active;
        }

        if (ctx.NewBackoff.ReadyAt(_options.PodFailureBackoff, _options.MaxPodFailureBackoff) is { } ready && ready > Now)
        {
            Queue.AddAt(ctx.Key, ready);
            return active;
        }

        var template = (Service.Get(_jobs, job.Metadata.NamespaceProperty, job.Metadata.Name).ToJson()["spec"] as JsonObject)?["template"] as JsonObject ?? [];
        for (var i = 0; i < missing; i++)
        {
            await CreatePodAsync(job, template, cancellationToken).ConfigureAwait(false);
            active++;
        }

        return active;
    }

    private async Task CreatePodAsync(V1Job job, JsonObject template, CancellationToken cancellationToken)
    {
        var pod = PodTemplates.NewPod(template, job);
        Meta.SetFinalizers(pod, Meta.Finalizers(pod).Append(TrackingFinalizer).Distinct(StringComparer.Ordinal));
        WriteResult created;
        try
        {
            created = await Service.CreateAsync(_pods, job.Metadata.NamespaceProperty, pod, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await RecordAsync(job, EventRecorder.Warning, "FailedCreate", $"Error creating: {e.Message}", cancellationToken).ConfigureAwait(false);
            throw;
        }

        await RecordAsync(job, EventRecorder.Normal, "SuccessfulCreate", $"Created pod: {created.Object.Name}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>deleteActivePods / deleteJobPods: graceful deletes (optionally dropping the tracking finalizer first); (ready deleted, deleted).</summary>
    private async Task<(int Ready, int Deleted)> DeleteActiveAsync(IEnumerable<V1Pod> pods, bool removeFinalizer, CancellationToken cancellationToken)
    {
        var (ready, deleted) = (0, 0);
        foreach (var pod in pods)
        {
            try
            {
                if (removeFinalizer && HasTrackingFinalizer(pod))
                {
                    await RemoveFinalizerAsync(pod, cancellationToken).ConfigureAwait(false);
                }

                await Service.DeleteAsync(_pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, new DeleteOptions { PreconditionUid = pod.Metadata.Uid }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code != 404)
            {
                continue;
            }

            deleted++;
            ready += PodStates.IsReady(pod) ? 1 : 0;
        }

        return (ready, deleted);
    }
}
