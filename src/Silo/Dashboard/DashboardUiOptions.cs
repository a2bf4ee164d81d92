namespace OrleansEci.Silo.Dashboard;

/// <summary>
/// The operator dashboard (<c>/ui</c>, its JSON under <c>/ui/api</c>, and the Orleans dashboard at <c>/dashboard</c>),
/// section <c>Dashboard</c>. Off by default; the sandbox turns it on. When on, it answers only requests from loopback
/// (reach it with <c>kubectl port-forward</c>, whose connections arrive on 127.0.0.1 inside the pod) unless
/// <see cref="AllowRemote"/> says an authenticating proxy in front of the silo's HTTP port
/// (<c>Silo:HttpAddress</c>/<c>Silo:HttpPort</c>) guards it. It never shows secrets: no pod specs, env or credentials.
/// </summary>
public sealed class DashboardUiOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Serve the dashboards. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Answer requests from any address, not only loopback. Default false.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>How often the silo re-reads the nodes' state and pod counts for the overview and the gauges. Default 5 s.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A pod not Running this long after it was first seen counts as stuck in the overview. Default 5 min.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(5);

    public void Validate()
    {
        if (SnapshotInterval < TimeSpan.FromMilliseconds(100) || StuckAfter <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"Dashboard:SnapshotInterval ({SnapshotInterval}) must be at least 100 ms and Dashboard:StuckAfter ({StuckAfter}) positive (defaults 00:00:05 and 00:05:00).");
        }
    }
}
