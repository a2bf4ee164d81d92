namespace OrleansEci.Grains.Polling;

/// <summary>
/// How often the cluster's status poller reads ECI (section <c>StatusPoller</c>). With the defaults a steady state of
/// any number of pods costs about 30 status + 15 event + 5 sweep calls per minute (10,000 pods: 50 sweep pages of 200
/// every 10 minutes), and a change reaches its pod grain within one delta interval plus the call's latency.
/// </summary>
public sealed class StatusPollerOptions
{
    public const string SectionName = "StatusPoller";

    /// <summary>DescribeContainerGroupStatus with SinceSecond, for every group of the cluster. Default 2 s.</summary>
    public TimeSpan DeltaInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>DescribeContainerGroupEvents with SinceSecond. Default 4 s.</summary>
    public TimeSpan EventsInterval { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>DescribeContainerGroups by id (20 per call) for groups created moments ago, until they settle. Default 1 s.</summary>
    public TimeSpan FreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A fresh group not settled after this long is left to the delta polls. Default 10 min.</summary>
    public TimeSpan FreshTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Full list of the cluster's groups: finds missing groups and unknown ones. Default 10 min.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Extra seconds asked for beyond the time since the last successful poll, so a clock difference or a slow call
    /// does not open a gap. Repeats are harmless (grains drop unchanged statuses). Default 3 s.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Pod grains called at once while delivering. Default 32.</summary>
    public int DeliveryParallelism { get; set; } = 32;

    /// <summary>Pause after a failed poll before the next one. Default 5 s.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        TimeSpan[] positive = [DeltaInterval, EventsInterval, FreshInterval, FreshTimeout, SweepInterval, ErrorBackoff];
        if (positive.Any(t => t <= TimeSpan.Zero) || Overlap < TimeSpan.Zero)
        {
            throw new InvalidOperationException("StatusPoller intervals must be positive and Overlap not negative (defaults: Delta 2 s, Events 4 s, Fresh 1 s, Sweep 10 min, Overlap 3 s).");
        }

        if (DeliveryParallelism is < 1 or > 1024)
        {
            throw new InvalidOperationException($"StatusPoller:DeliveryParallelism ({DeliveryParallelism}) must be between 1 and 1024. Default 32.");
        }
    }
}
