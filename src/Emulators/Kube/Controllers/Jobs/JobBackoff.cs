using k8s.Models;

namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

/// <summary>
/// The Job controller's pod failure backoff (pkg/controller/job/backoff_utils.go): failures since the last success and
/// when the last one finished; a replacement pod waits base × 2^(failures−1) (capped) after that failure.
/// </summary>
internal sealed record JobBackoff(int FailuresAfterLastSuccess, DateTimeOffset? LastFailureTime)
{
    public static readonly JobBackoff None = new(0, null);

    /// <summary>newBackoffRecord: the record after newly finished pods are counted.</summary>
    public JobBackoff After(IReadOnlyList<V1Pod> newSucceeded, IReadOnlyList<V1Pod> newFailed)
    {
        var failed = newFailed.Select(FinishedAt).Order().ToList();
        if (newSucceeded.Count == 0)
        {
            return failed.Count == 0 ? this : new JobBackoff(FailuresAfterLastSuccess + failed.Count, failed[^1]);
        }

        var lastSuccess = newSucceeded.Select(FinishedAt).Max();
        var after = failed.Where(t => t > lastSuccess).ToList();
        return new JobBackoff(after.Count, after.Count == 0 ? null : after[^1]);
    }

    /// <summary>When a new pod may be created (the last failure plus the backoff); null when nothing failed since the last success.</summary>
    public DateTimeOffset? ReadyAt(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        if (FailuresAfterLastSuccess == 0 || LastFailureTime is not { } last)
        {
            return null;
        }

        var delay = baseDelay;
        for (var i = 1; i < FailuresAfterLastSuccess; i++)
        {
            delay *= 2;
            if (delay >= maxDelay)
            {
                delay = maxDelay;
                break;
            }
        }

        return last + delay;
    }

    /// <summary>getFinishedTime: the last container's finishedAt, else when Ready turned False, else the deletion time, else creation.</summary>
    public static DateTimeOffset FinishedAt(V1Pod pod)
    {
        var containers = (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? [])
            .Select(c => Typed.Time(c.State?.Terminated?.FinishedAt)).Where(t => t is not null).ToList();
        if (containers.Count > 0)
        {
            return containers.Max()!.Value;
        }

        var ready = PodStates.ReadyCondition(pod);
        return (ready?.Status == "False" ? Typed.Time(ready.LastTransitionTime) : null)
            ?? Typed.Time(pod.Metadata.DeletionTimestamp)?.AddSeconds(-(pod.Metadata.DeletionGracePeriodSeconds ?? 0))
            ?? Typed.Time(pod.Metadata.CreationTimestamp) ?? DateTimeOffset.UnixEpoch;
    }
}
