namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

/// <summary>The Job controller's options.</summary>
public sealed class JobControllerOptions
{
    /// <summary>Whether the server runs the Job controller. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Delay before a replacement pod after the first failure; doubles per further failure. Default 10 s (DefaultJobPodFailureBackOff).</summary>
    public TimeSpan PodFailureBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest delay before a replacement pod. Default 10 minutes (MaxJobPodFailureBackOff).</summary>
    public TimeSpan MaxPodFailureBackoff { get; set; } = TimeSpan.FromMinutes(10);

    public void Validate()
    {
        if (PodFailureBackoff < TimeSpan.Zero || MaxPodFailureBackoff < PodFailureBackoff)
        {
            throw new InvalidOperationException(
                $"Controllers:Jobs backoff is {PodFailureBackoff}..{MaxPodFailureBackoff}. Use 0 <= PodFailureBackoff <= MaxPodFailureBackoff (defaults 10 s and 10 min).");
        }
    }
}
