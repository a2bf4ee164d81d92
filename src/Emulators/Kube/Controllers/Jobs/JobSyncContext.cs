using System.Text.Json.Nodes;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

/// <summary>What one sync of a Job works with (syncJobCtx in job_controller.go).</summary>
internal sealed class JobSyncContext
{
    public JobSyncContext(string key, V1Job job, JsonObject status, List<V1Pod> pods)
    {
        Key = key;
        Job = job;
        Status = status;
        Pods = pods;
        Active = [.. pods.Where(PodStates.IsActive)];
        Terminating = pods.Count(PodStates.IsTerminating);
    }

    public string Key { get; }

    public V1Job Job { get; }

    /// <summary>The status being built; written at the end of the sync.</summary>
    public JsonObject Status { get; }

    /// <summary>Every pod this Job controls.</summary>
    public List<V1Pod> Pods { get; }

    public List<V1Pod> Active { get; }

    public int Terminating { get; set; }

    public int Ready { get; set; }

    public long Succeeded { get; set; }

    public long Failed { get; set; }

    /// <summary>The condition the Job is heading to (FailureTarget, SuccessCriteriaMet, then Failed/Complete), or null.</summary>
    public JsonObject? Finished { get; set; }

    public JobBackoff NewBackoff { get; set; } = JobBackoff.None;

    public HashSet<string> UncountedSucceeded { get; } = new(StringComparer.Ordinal);

    public HashSet<string> UncountedFailed { get; } = new(StringComparer.Ordinal);
}
