using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>DescribeContainerGroups (reference §3.2): filters, tags, <c>Limit</c> (default and max 20), <c>NextToken</c>;
/// events are included unless <c>WithEvent=false</c>.</summary>
internal sealed class DescribeContainerGroupsAction : IEciAction
{
    public string Name => "DescribeContainerGroups";

    public object Execute(ActionCall call)
    {
        GroupQuery query = new(call.Parameters, statusFilters: false);
        bool withEvent = call.Parameters.Bool("WithEvent") ?? true;
        (List<ContainerGroup> page, string next, int total) = query.Run(call.State, call.Now, 20, 20);
        List<Dictionary<string, object?>> views = GroupQuery.Project(page, g => ContainerGroupView.Build(g, call.State.Region, withEvent));
        return new { call.RequestId, NextToken = next, TotalCount = total, ContainerGroups = views };
    }
}
