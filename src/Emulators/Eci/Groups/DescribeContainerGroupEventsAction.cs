using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>DescribeContainerGroupEvents (reference §3.4): the last 50 events per group, Kubernetes-event shaped;
/// <c>EventSource</c> = <c>EciService</c> | <c>K8sAgent</c> filters by origin.</summary>
internal sealed class DescribeContainerGroupEventsAction : IEciAction
{
    public string Name => "DescribeContainerGroupEvents";

    public object Execute(ActionCall call)
    {
        string? source = call.Parameters.Optional("EventSource");
        if (source is not (null or "EciService" or "K8sAgent"))
        {
            throw EciErrors.InvalidParameter("EventSource", "Use EciService or K8sAgent, or omit it for both.");
        }

        GroupQuery query = new(call.Parameters, statusFilters: true, sinceCountsEvents: true);
        (List<ContainerGroup> page, string next, int total) = query.Run(call.State, call.Now, 200, 200);
        List<object> data = GroupQuery.Project(page, g => (object)new
        {
            ContainerGroupId = g.Id,
            Name = g.Spec.Name,
            Namespace = "default",
            uuid = g.Id,
            Annotations = "{}",
            Events = g.Events.Where(e => source is null || e.Source == source).Select(e => Event(g, e)).ToArray(),
        });
        return new { call.RequestId, NextToken = next, TotalCount = total, Data = data };
    }

    private static object Event(ContainerGroup g, GroupEvent e) => new
    {
        e.Count,
        e.Type,
        e.Reason,
        e.Message,
        FirstTimestamp = WireFormat.Time(e.FirstTimestamp),
        LastTimestamp = WireFormat.Time(e.LastTimestamp),
        Metadata = new { Name = $"{g.Spec.Name}.{e.FirstTimestamp.ToUnixTimeMilliseconds():x}", Namespace = "default" },
        Source = new { Component = e.Source, Host = g.Placement.ZoneId },
        ReportingComponent = e.Source,
        ReportingInstance = g.Id,
        involvedObject = new { ApiVersion = "v1", Kind = "Pod", Name = g.Spec.Name, Namespace = "default", Uid = g.Id },
    };
}
