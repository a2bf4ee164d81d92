using System.Text.Json.Nodes;

using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

/// <summary>
/// The Job controller (pkg/controller/job/job_controller.go) for NonIndexed Jobs: runs up to <c>parallelism</c> pods until
/// <c>completions</c> succeed (or, without completions, until one succeeds and the rest finish); counts finished pods
/// through the <c>batch.kubernetes.io/job-tracking</c> finalizer and <c>status.uncountedTerminatedPods</c>; delays
/// replacements after failures (10 s doubling); fails the Job past <c>backoffLimit</c> or <c>activeDeadlineSeconds</c>
/// with the interim FailureTarget condition then Failed, and completes it with SuccessCriteriaMet then Complete, as 1.31+ does.
/// Indexed completion, podFailurePolicy, successPolicy, backoffLimitPerIndex and managedBy are not implemented: such Jobs
/// get a Warning event saying so and are left alone.
/// </summary>
public sealed partial class JobController : ControllerLoop<string>
{
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";
    private const string Component = "job-controller";
    private const string OrphanPrefix = "orphan-pod:";
    private readonly JobControllerOptions _options;
    private readonly EventRecorder _events;
    private readonly ResourceType _jobs;
    private readonly ResourceType _pods;
    private readonly Dictionary<string, JobBackoff> _backoff = new(StringComparer.Ordinal);

    public JobController(ResourceService service, ControllerOptions options, EventRecorder events, TimeProvider time, ILogger<JobController> logger)
        : base(Component, service, time, logger)
    {
        _options = options.Jobs;
        _events = events;
        _jobs = service.Registry.Get("batch", "jobs");
        _pods = service.Registry.Get("", "pods");
        Watch(_jobs);
        Watch(_pods);
    }

    protected override void OnEvent(ResourceType type, WatchEvent change)
    {
        if (ReferenceEquals(type, _jobs))
        {
            Queue.Add(change.Object.Key);
            return;
        }

        var pod = change.Object;
        var meta = StoredMetadata.Read(pod);
        var owner = meta.Controller;
        if (owner is { Kind: "Job" })
        {
            Queue.Add($"{pod.Namespace}/{owner.Name}");
        }

        if (change.Type != WatchEventType.Deleted && meta.Finalizers.Contains(TrackingFinalizer)
            && (owner is not { Kind: "Job" } || Service.Find(_jobs, pod.Namespace, owner.Name)?.Uid != owner.Uid))
        {
            Queue.Add(OrphanPrefix + pod.Key);
        }
    }

    protected override Task SyncAsync(string key, CancellationToken cancellationToken) =>
        key.StartsWith(OrphanPrefix, StringComparison.Ordinal)
            ? ReleaseOrphanAsync(key[OrphanPrefix.Length..], cancellationToken)
            : SyncJobAsync(key, cancellationToken);

    private async Task SyncJobAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (Service.Find(_jobs, key[..slash], key[(slash + 1)..]) is not { } stored)
        {
            _backoff.Remove(key);
            return;
        }

        var json = stored.ToJson();
        var job = Typed.Read<V1Job>(stored);
        if (JobConditions.IsFinished(json["status"] as JsonObject))
        {
            _backoff.Remove(key);
            return;
        }

        if (Unsupported(job) is { } feature)
        {
            await RecordAsync(job, EventRecorder.Warning, "NotSupported",
                $"Skipped Job sync: {feature} is not implemented by this local API server's Job controller", cancellationToken).ConfigureAwait(false);
            return;
        }

        var all = Service.List(_pods, job.Metadata.NamespaceProperty, ListOptions.Everything).Items.Select(Typed.Read<V1Pod>).ToList();
        var pods = await OwnerReferences.ClaimAsync(Service, _pods, job, Typed.Selector(job.Spec.Selector), all, cancellationToken).ConfigureAwait(false);
        var status = json["status"]?.DeepClone() as JsonObject ?? [];
        await SyncAsync(new JobSyncContext(key, job, status, pods), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A pod with the tracking finalizer whose Job is gone: the finalizer goes, so the pod can be deleted (syncOrphanPod).</summary>
    private async Task ReleaseOrphanAsync(string podKey, CancellationToken cancellationToken)
    {
        var slash = podKey.IndexOf('/', StringComparison.Ordinal);
        if (Service.Find(_pods, podKey[..slash], podKey[(slash + 1)..]) is not { } stored)
        {
            return;
        }

        var owner = OwnerRef.ControllerOf(stored);
        if (owner is { Kind: "Job" } && Service.Find(_jobs, stored.Namespace, owner.Name) is { } job && job.Uid == owner.Uid
            && !JobConditions.IsFinished(job.ToJson()["status"] as JsonObject))
        {
            return;
        }

        await RemoveFinalizerAsync(Typed.Read<V1Pod>(stored), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the tracking finalizer from a pod; true when it is gone (or the pod is).</summary>
    private async Task<bool> RemoveFinalizerAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await Service.UpdateWithAsync(_pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, obj =>
            {
                if (Meta.Uid(obj) == pod.Metadata.Uid)
                {
                    Meta.SetFinalizers(obj, Meta.Finalizers(obj).Where(f => f != TrackingFinalizer));
                }

                return obj;
            }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Gone already.
        }

        return true;
    }

    private static string? Unsupported(V1Job job) =>
        job.Spec.CompletionMode == "Indexed" ? "completionMode Indexed"
        : job.Spec.PodFailurePolicy is not null ? "podFailurePolicy"
        : job.Spec.SuccessPolicy is not null ? "successPolicy"
        : job.Spec.BackoffLimitPerIndex is not null ? "backoffLimitPerIndex"
        : job.Spec.ManagedBy is { } managedBy && managedBy != "kubernetes.io/job-controller" ? $"managedBy {managedBy}"
        : null;

    private static bool HasTrackingFinalizer(V1Pod pod) => pod.Metadata.Finalizers?.Contains(TrackingFinalizer) == true;

    private Task RecordAsync(V1Job job, string type, string reason, string message, CancellationToken cancellationToken) =>
        _events.RecordAsync(Component, job, type, reason, message, cancellationToken);

    private string Timestamp => Meta.FormatTime(Now);

    private static long Count(JsonObject status, string field) => KubeJson.GetInt64(status[field]) ?? 0;
}
