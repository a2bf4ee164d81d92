using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// DescribeContainerGroupStatus (reference §3.3), the cheap poller: Kubernetes-shaped pod status per group,
/// <c>SinceSecond</c> keeps only groups whose status changed in the last N seconds; <c>Limit</c> default 200.
/// Field casing is exactly the SDK's (lower-case <c>type</c>, <c>status</c>, <c>uuid</c>; the odd <c>StartedAtstartedAt</c>).
/// </summary>
internal sealed class DescribeContainerGroupStatusAction : IEciAction
{
    public string Name => "DescribeContainerGroupStatus";

    public object Execute(ActionCall call)
    {
        GroupQuery query = new(call.Parameters, statusFilters: true);
        (List<ContainerGroup> page, string next, int total) = query.Run(call.State, call.Now, 200, 200);
        List<object> data = GroupQuery.Project(page, g => (object)new
        {
            ContainerGroupId = g.Id,
            Name = g.Spec.Name,
            Namespace = "default",
            uuid = g.Id,
            g.Status,
            Annotations = "{}",
            PodStatus = PodStatus(g),
        });
        return new { call.RequestId, NextToken = next, TotalCount = total, Data = data };
    }

    private static object PodStatus(ContainerGroup g)
    {
        bool ready = g.Status == "Running" && g.Containers.All(c => c.IsRunning);
        string phase = g.Status switch
        {
            "Running" or "Terminating" => "Running",
            "Succeeded" => "Succeeded",
            "Failed" or "Expired" or "ScheduleFailed" => "Failed",
            _ => "Pending",
        };
        string since = WireFormat.Time(g.StatusChangedAt);
        string scheduled = g.Status is "Scheduling" or "ScheduleFailed" ? "False" : "True";
        return new
        {
            Phase = phase,
            HostIp = "",
            PodIp = g.Placement.IntranetIp,
            PodIps = new[] { new { Ip = g.Placement.IntranetIp } },
            QosClass = "Guaranteed",
            StartTime = WireFormat.Time(g.CreationTime),
            Conditions = new object[]
            {
                Condition("PodScheduled", scheduled, since),
                Condition("ContainerInstanceCreated", scheduled, since),
                Condition("Initialized", g.Containers.Any(c => c.HasRun) ? "True" : "False", since),
                Condition("ContainersReady", ready ? "True" : "False", since),
                Condition("Ready", ready ? "True" : "False", since),
            },
            ContainerStatuses = g.Containers.Select(c => new
            {
                c.Spec.Name,
                c.Spec.Image,
                ImageID = c.Spec.Image,
                Ready = c.IsRunning,
                Started = c.IsRunning,
                c.RestartCount,
                State = State(c.Current, g.Id, c.Spec.Name),
                LastState = c.Previous is null ? new { } : State(c.Previous, g.Id, c.Spec.Name),
            }).ToArray(),
        };
    }

    private static object Condition(string type, string status, string at) =>
        new { type, status, lastTransitionTime = at, Reason = "", Message = "" };

    private static object State(ContainerState s, string groupId, string name) => s.State switch
    {
        "Running" => new { Running = new { StartedAtstartedAt = WireFormat.Time(s.StartTime) } },
        "Terminated" => new
        {
            Terminated = new
            {
                ContainerID = $"containerd://{groupId}-{name}",
                s.ExitCode,
                s.Signal,
                s.Reason,
                s.Message,
                StartedAt = WireFormat.Time(s.StartTime),
                FinishedAt = WireFormat.Time(s.FinishTime),
            },
        },
        _ => (object)new { Waiting = new { s.Reason, s.Message } },
    };
}
