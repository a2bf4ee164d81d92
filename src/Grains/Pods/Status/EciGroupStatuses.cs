namespace OrleansEci.Grains.Pods.Status;

/// <summary>ECI container-group statuses (eci-openapi.md §4.1).</summary>
internal static class EciGroupStatuses
{
    public const string Scheduling = "Scheduling";

    public const string ScheduleFailed = "ScheduleFailed";

    public const string Pending = "Pending";

    public const string Running = "Running";

    public const string Succeeded = "Succeeded";

    public const string Failed = "Failed";

    public const string Restarting = "Restarting";

    public const string Updating = "Updating";

    public const string Terminating = "Terminating";

    public const string Expired = "Expired";

    /// <summary>Statuses in which the group's sandbox (network, volumes) exists and containers can run.</summary>
    public static bool HasSandbox(string? status) => status is Pending or Running or Restarting or Updating or Terminating;
}
