using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Metrics;

/// <summary>DescribeMultiContainerGroupMetric (reference §3.8): the latest record of up to 20 groups
/// (<c>MetricType=summary</c>); unknown ids are left out. Disk fields are spelled <c>ReadIo</c>/<c>WriteIo</c> here.</summary>
internal sealed class DescribeMultiContainerGroupMetricAction : IEciAction
{
    public string Name => "DescribeMultiContainerGroupMetric";

    public object Execute(ActionCall call)
    {
        IReadOnlyList<string> ids = call.Parameters.JsonStrings("ContainerGroupIds", 20) ?? throw EciErrors.MissingParameter("ContainerGroupIds");
        List<object> data = [];
        foreach (string id in ids)
        {
            ContainerGroup? g = call.State.Groups.Get(id, call.Now);
            if (g is null)
            {
                continue;
            }

            lock (g.Gate)
            {
                data.Add(new { ContainerGroupId = g.Id, Records = MetricSeries.Records(g, call.Now.AddSeconds(-15), call.Now, TimeSpan.FromSeconds(15), multi: true) });
            }
        }

        return new { call.RequestId, MonitorDatas = data };
    }
}
