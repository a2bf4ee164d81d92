using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Metrics;

/// <summary>DescribeContainerGroupMetric (reference §3.8): without times, the last 5 minutes at 15 s; with times,
/// <c>Period</c> 15|30|60|600 (default 60), start within the last 30 days.</summary>
internal sealed class DescribeContainerGroupMetricAction : IEciAction
{
    public string Name => "DescribeContainerGroupMetric";

    public object Execute(ActionCall call)
    {
        RpcParameters p = call.Parameters;
        DateTimeOffset? start = WireFormat.ParseTime(p, "StartTime");
        DateTimeOffset? end = WireFormat.ParseTime(p, "EndTime");
        int period = p.Int("Period") ?? 60;
        if (period is not (15 or 30 or 60 or 600))
        {
            throw EciErrors.InvalidParameter("Period", "Use 15, 30, 60 or 600.");
        }

        (DateTimeOffset from, DateTimeOffset to, TimeSpan step) = start is null && end is null
            ? (call.Now.AddMinutes(-5), call.Now, TimeSpan.FromSeconds(15))
            : (start ?? end!.Value.AddMinutes(-5), end ?? call.Now, TimeSpan.FromSeconds(period));
        if (from < call.Now.AddDays(-30) || from > to)
        {
            throw EciErrors.InvalidParameter("StartTime", "StartTime must be within the last 30 days and before EndTime.");
        }

        ContainerGroup g = GroupActions.Require(call);
        lock (g.Gate)
        {
            return new { call.RequestId, ContainerGroupId = g.Id, Records = MetricSeries.Records(g, from, to, step, multi: false) };
        }
    }
}
