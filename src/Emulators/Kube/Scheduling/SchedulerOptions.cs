namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>The scheduler's options.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The profile name pods ask for in <c>spec.schedulerName</c> (the default the API server fills in).</summary>
    public const string DefaultSchedulerName = "default-scheduler";

    /// <summary>Whether the server runs the scheduler. Default true.</summary>
    public bool Enabled { get; set; } = true;

    public void Validate()
    {
        // Nothing to check beyond the switch.
    }
}
