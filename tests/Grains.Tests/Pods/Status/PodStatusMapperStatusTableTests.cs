using k8s.Models;

using OrleansEci.Grains.Pods.Status;

using static OrleansEci.Grains.Tests.Pods.Status.EciFixtures;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>Every ECI group status (eci-openapi.md §4.1), through both ECI calls, to phase, reason and conditions.</summary>
public sealed class PodStatusMapperStatusTableTests
{
    /// <summary>One row: what ECI reports in that status and what the pod must show.</summary>
    private sealed record Row(
        Container[] Containers,
        string RestartPolicy,
        string Phase,
        string? Reason,
        string InstanceCreated,
        string? InstanceCreatedReason,
        bool SandboxReady,
        string Ready,
        string? ReadyReason);

    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["Scheduling"] = new([], "Always", "Pending", null, "False", "Creating", false, "False", "ContainersNotReady"),
        ["ScheduleFailed"] = new([], "Always", "Failed", "ScheduleFailed", "False", "ScheduleFailed", false, "False", "PodFailed"),
        ["Pending"] = new(
            [new("app", State.Waiting("ContainerCreating")), new("sidecar", State.Waiting("ContainerCreating"))],
            "Always", "Pending", null, "True", null, true, "False", "ContainersNotReady"),
        ["Running"] = new(
            [new("app", State.Running()), new("sidecar", State.Running())],
            "Always", "Running", null, "True", null, true, "True", null),
        ["Succeeded"] = new(
            [new("app", State.Terminated(0, "Completed")), new("sidecar", State.Terminated(0, "Completed"))],
            "Never", "Succeeded", null, "True", null, false, "False", "PodCompleted"),
        ["Failed"] = new(
            [new("app", State.Terminated(1, "Error")), new("sidecar", State.Terminated(0, "Completed"))],
            "Never", "Failed", null, "True", null, false, "False", "PodFailed"),

        // A restart (RestartContainerGroup) stops every container and starts it again: waiting with a last termination
        // counts as "stopped", so the kubelet's rule keeps the pod Running under restartPolicy Always.
        ["Restarting"] = new(
            [new("app", State.Waiting("ContainerCreating"), State.Terminated(137, "Error", 9), 1), new("sidecar", State.Waiting("ContainerCreating"), State.Terminated(137, "Error", 9), 1)],
            "Always", "Running", null, "True", null, true, "False", "ContainersNotReady"),
        ["Updating"] = new(
            [new("app", State.Running()), new("sidecar", State.Running())],
            "Always", "Running", null, "True", null, true, "True", null),
        ["Terminating"] = new(
            [new("app", State.Running()), new("sidecar", State.Running())],
            "Always", "Running", null, "True", null, true, "True", null),
        ["Expired"] = new(
            [new("app", State.Terminated(137, "BidFailed", 9)), new("sidecar", State.Terminated(137, "BidFailed", 9))],
            "Always", "Failed", "BidFailed", "True", null, false, "False", "PodFailed"),
    };

    public static TheoryData<string, string> Cases()
    {
        TheoryData<string, string> data = [];
        foreach (string status in Rows.Keys)
        {
            data.Add(status, "DescribeContainerGroupStatus");
            data.Add(status, "DescribeContainerGroups");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Map_EachEciStatus_PhaseReasonAndConditionsAsTheKubeletWould(string eciStatus, string call)
    {
        Row row = Rows[eciStatus];
        PodShape pod = Pod(row.RestartPolicy);
        V1PodStatus status = call == "DescribeContainerGroupStatus"
            ? PodStatusMapper.FromStatus(StatusAnswer(eciStatus, row.Containers), pod, HostIp)
            : PodStatusMapper.FromGroup(GroupAnswer(eciStatus, row.Containers), pod, HostIp);
        string where = $"{Label(pod)}, ECI {eciStatus} via {call}";

        Assert.True(row.Phase == status.Phase, $"{where}: expected phase {row.Phase}, got {status.Phase}.");
        Assert.True(row.Reason == status.Reason, $"{where}: expected pod reason '{row.Reason}', got '{status.Reason}'.");
        AssertCondition(status, "PodScheduled", "True", null, where);
        AssertCondition(status, "ContainerInstanceCreated", row.InstanceCreated, row.InstanceCreatedReason, where);
        AssertCondition(status, "PodReadyToStartContainers", row.SandboxReady ? "True" : "False", null, where);
        AssertCondition(status, "Ready", row.Ready, row.ReadyReason, where);
        AssertCondition(status, "ContainersReady", row.Ready, row.ReadyReason, where);
        AssertCondition(status, "Initialized", "True", null, where);

        Assert.True(status.ContainerStatuses.Select(c => c.Name).SequenceEqual(["app", "sidecar"]),
            $"{where}: expected container statuses [app, sidecar] in the pod's order, got [{string.Join(", ", status.ContainerStatuses.Select(c => c.Name))}].");
        Assert.True(HostIp == status.HostIP, $"{where}: expected hostIP {HostIp} (the virtual node's), got '{status.HostIP}'.");
        Assert.True(status.QosClass == "Guaranteed", $"{where}: expected the pod's qosClass echoed, got '{status.QosClass}'.");
        Assert.True(PodStatusMapper.IsTerminal(status) == row.Phase is "Succeeded" or "Failed",
            $"{where}: IsTerminal must be true exactly for Succeeded/Failed, got {PodStatusMapper.IsTerminal(status)} for {status.Phase}.");
    }

    [Theory]
    [InlineData("DescribeContainerGroupStatus")]
    [InlineData("DescribeContainerGroups")]
    public void Map_Expired_BidFailedWithSpotConditionsAndDisruptionTarget(string call)
    {
        Row row = Rows["Expired"];
        PodShape pod = Pod();
        V1PodStatus status = call == "DescribeContainerGroupStatus"
            ? PodStatusMapper.FromStatus(StatusAnswer("Expired", row.Containers), pod, HostIp)
            : PodStatusMapper.FromGroup(GroupAnswer("Expired", row.Containers), pod, HostIp);
        string where = $"{Label(pod)}, ECI Expired via {call}";

        AssertCondition(status, "ContainerInstanceExpired", "True", "SpotToBeReleased", where);
        AssertCondition(status, "DisruptionTarget", "True", "BidFailed", where);
        Assert.True(status.Message?.Contains(GroupId, StringComparison.Ordinal) == true, $"{where}: expected a message naming {GroupId}, got '{status.Message}'.");
        V1ContainerStatus app = ContainerStatus(status, "app");
        Assert.True(app.State.Terminated is { ExitCode: 137, Reason: "BidFailed" }, $"{where}: expected app terminated 137/BidFailed as ECI reported.");
    }

    [Theory]
    [InlineData("DescribeContainerGroupStatus")]
    [InlineData("DescribeContainerGroups")]
    public void Map_FailedGroupWithContainersStillRunning_ContainersBecomeContainerStatusUnknown(string call)
    {
        Container[] containers = [new("app", State.Running()), new("sidecar", State.Terminated(2, "Error"))];
        PodShape pod = Pod();
        V1PodStatus status = call == "DescribeContainerGroupStatus"
            ? PodStatusMapper.FromStatus(StatusAnswer("Failed", containers), pod, HostIp)
            : PodStatusMapper.FromGroup(GroupAnswer("Failed", containers), pod, HostIp);
        string where = $"{Label(pod)}, ECI Failed via {call}";

        V1ContainerStatus app = ContainerStatus(status, "app");
        Assert.True(app.State.Terminated is { ExitCode: 137, Reason: "ContainerStatusUnknown" } && !app.Ready,
            $"{where}: expected app Terminated 137 ContainerStatusUnknown (the kubelet's TerminatePod), got {Describe(app.State)}.");
        Assert.True(ContainerStatus(status, "sidecar").State.Terminated is { ExitCode: 2, Reason: "Error" }, $"{where}: expected sidecar's own exit 2 kept.");
        Assert.True(status.Phase == "Failed", $"{where}: expected Failed, got {status.Phase}.");
    }

    internal static void AssertCondition(V1PodStatus status, string type, string expected, string? reason, string where)
    {
        V1PodCondition? c = Condition(status, type);
        Assert.True(c is not null, $"{where}: expected condition {type}, got [{string.Join(", ", status.Conditions.Select(x => x.Type))}].");
        Assert.True(expected == c.Status && reason == c.Reason,
            $"{where}: expected {type}={expected} reason '{reason}', got {c.Status} reason '{c.Reason}' ({c.Message}).");
    }

    internal static string Describe(V1ContainerState? s) => s switch
    {
        { Running: not null } => $"Running since {s.Running.StartedAt:O}",
        { Terminated: { } t } => $"Terminated {t.ExitCode}/{t.Reason}",
        { Waiting: { } w } => $"Waiting {w.Reason}",
        _ => "no state",
    };
}
