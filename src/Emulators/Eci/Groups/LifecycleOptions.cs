namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>How long each lifecycle step takes, on the emulator's <see cref="TimeProvider"/>.</summary>
public sealed class LifecycleOptions
{
    /// <summary><c>Scheduling</c> → <c>Pending</c>. Default 2 s.</summary>
    public TimeSpan Scheduling { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>Pending</c> (image pull) → containers start. Default 3 s.</summary>
    public TimeSpan Pending { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary><c>Restarting</c> → <c>Pending</c> after RestartContainerGroup. Default 2 s.</summary>
    public TimeSpan Restarting { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>Updating</c> → <c>Pending</c> after UpdateContainerGroup. Default 2 s.</summary>
    public TimeSpan Updating { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a preStop hook runs during <c>Terminating</c> (capped by TerminationGracePeriodSeconds,
    /// default 30 s). Default 5 s.</summary>
    public TimeSpan PreStop { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First container restart back-off; doubles per restart like the kubelet's. Default 10 s.</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off cap. Default 5 min.</summary>
    public TimeSpan MaxRestartBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Warning lead of a spot reclaim: <c>SpotToBeReleased</c> is recorded this long before <c>Expired</c>.
    /// Default 3 min (reference §4.2).</summary>
    public TimeSpan SpotReleaseWarning { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>After the protection period, price and stock are checked this often. Default 5 min (reference §4.2).</summary>
    public TimeSpan SpotCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Terminal groups (Succeeded, Failed, Expired, ScheduleFailed) are all kept this long. Default 1 h.</summary>
    public TimeSpan TerminalRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After <see cref="TerminalRetention"/>, only this many of the latest terminal groups are kept. Default 100.</summary>
    public int TerminalKeepCount { get; set; } = 100;

    /// <summary>Problems, each saying how to fix it; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        (string Name, TimeSpan Value)[] durations =
        [
            (nameof(Scheduling), Scheduling), (nameof(Pending), Pending), (nameof(Restarting), Restarting),
            (nameof(Updating), Updating), (nameof(PreStop), PreStop), (nameof(RestartBackoff), RestartBackoff),
            (nameof(MaxRestartBackoff), MaxRestartBackoff), (nameof(SpotReleaseWarning), SpotReleaseWarning),
            (nameof(TerminalRetention), TerminalRetention),
        ];
        foreach ((string name, TimeSpan value) in durations.Where(d => d.Value < TimeSpan.Zero))
        {
            yield return $"Lifecycle.{name} is {value}; use zero or a positive duration.";
        }

        if (SpotCheckInterval <= TimeSpan.Zero)
        {
            yield return "Lifecycle.SpotCheckInterval must be positive (ECI checks every 5 minutes).";
        }

        if (TerminalKeepCount < 0)
        {
            yield return "Lifecycle.TerminalKeepCount must be zero or more (ECI keeps 100).";
        }
    }
}
