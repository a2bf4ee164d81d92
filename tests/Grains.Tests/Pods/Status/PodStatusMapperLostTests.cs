using k8s.Models;

using OrleansEci.Grains.Pods.Status;

using static OrleansEci.Grains.Tests.Pods.Status.EciFixtures;
using static OrleansEci.Grains.Tests.Pods.Status.PodStatusMapperStatusTableTests;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>Pending (no group yet), Lost (group gone) and the condition-time stamping the grain applies before writing.</summary>
public sealed class PodStatusMapperLostTests
{
    private static V1PodStatus RunningStatus(PodShape pod) => PodStatusMapper.Stamp(
        PodStatusMapper.FromStatus(StatusAnswer("Running", [new("app", State.Running(), State.Terminated(1, "Error"), 1), new("sidecar", State.Running())]), pod, HostIp),
        null,
        Now.AddMinutes(-3));

    [Fact]
    public void Lost_RunningPod_FailedWithReasonDisruptionTargetAndUnknownContainers()
    {
        PodShape pod = Pod();
        V1PodStatus last = RunningStatus(pod);
        V1PodStatus lost = PodStatusMapper.Lost(pod, last, "ContainerGroupLost", $"ECI container group {GroupId} no longer exists.", Now);
        string where = $"{Label(pod)} lost";

        Assert.True(lost.Phase == "Failed" && lost.Reason == "ContainerGroupLost", $"{where}: expected Failed/ContainerGroupLost so a ReplicaSet replaces it, got {lost.Phase}/{lost.Reason}.");
        Assert.True(lost.Message == $"ECI container group {GroupId} no longer exists.", $"{where}: expected the given message, got '{lost.Message}'.");
        AssertCondition(lost, "DisruptionTarget", "True", "ContainerGroupLost", where);
        AssertCondition(lost, "Ready", "False", "PodFailed", where);
        AssertCondition(lost, "ContainersReady", "False", "PodFailed", where);
        AssertCondition(lost, "PodReadyToStartContainers", "False", null, where);
        AssertCondition(lost, "PodScheduled", "True", null, where);
        AssertCondition(lost, "ContainerInstanceCreated", "True", null, where);
        foreach (V1ContainerStatus c in lost.ContainerStatuses)
        {
            Assert.True(c.State.Terminated is { ExitCode: 137, Reason: "ContainerStatusUnknown", Message: "The container could not be located when the pod was terminated" } && !c.Ready,
                $"{where}: expected {c.Name} Terminated 137 ContainerStatusUnknown as the kubelet's TerminatePod writes, got {Describe(c.State)}.");
        }

        V1ContainerStatus app = ContainerStatus(lost, "app");
        Assert.True(app.RestartCount == 1 && app.LastState.Terminated?.ExitCode == 1, $"{where}: expected app's restart count and last state kept.");
        Assert.True(lost.PodIP == PodIp && lost.StartTime == last.StartTime, $"{where}: expected pod IP and start time kept.");
        Assert.True(Condition(lost, "Ready")!.LastTransitionTime == Now, $"{where}: Ready changed, so its time is now.");
        Assert.True(Condition(lost, "PodScheduled")!.LastTransitionTime == Condition(last, "PodScheduled")!.LastTransitionTime, $"{where}: PodScheduled did not change, so its time is kept.");
        Assert.True(PodStatusMapper.IsTerminal(lost), $"{where}: expected terminal.");
    }

    [Fact]
    public void Lost_AlreadyTerminal_ReturnedUnchanged()
    {
        PodShape pod = Pod("Never");
        V1PodStatus succeeded = PodStatusMapper.FromGroup(GroupAnswer("Succeeded", [new("app", State.Terminated(0)), new("sidecar", State.Terminated(0))]), pod, HostIp);

        V1PodStatus lost = PodStatusMapper.Lost(pod, succeeded, "ContainerGroupLost", "gone", Now);

        Assert.True(ReferenceEquals(lost, succeeded), $"{Label(pod)}: a Succeeded pod never changes phase, expected it unchanged, got {lost.Phase}/{lost.Reason}.");
    }

    [Fact]
    public void Lost_WithoutLastStatus_FailedWithEveryContainerUnknown()
    {
        PodShape pod = Pod();
        V1PodStatus lost = PodStatusMapper.Lost(pod, null, "", "", Now);

        Assert.True(lost.Phase == "Failed" && lost.Reason == "ContainerGroupLost" && !string.IsNullOrEmpty(lost.Message),
            $"{Label(pod)}: expected Failed with a default reason and message, got {lost.Phase}/{lost.Reason}/'{lost.Message}'.");
        Assert.True(lost.ContainerStatuses.Select(c => c.Name).SequenceEqual(["app", "sidecar"]) && lost.ContainerStatuses.All(c => c.State.Terminated?.Reason == "ContainerStatusUnknown"),
            $"{Label(pod)}: expected both containers ContainerStatusUnknown in order.");
    }

    [Fact]
    public void Lost_SpotReleasedAfterNotice_BidFailedAndSpotConditionKept()
    {
        PodShape pod = Pod();
        ContainerGroupStatusWithNotice(out V1PodStatus last, pod);
        V1PodStatus lost = PodStatusMapper.Lost(pod, last, "BidFailed", "The spot instance was released.", Now);

        Assert.True(lost.Reason == "BidFailed", $"{Label(pod)}: expected BidFailed, got {lost.Reason}.");
        AssertCondition(lost, "ContainerInstanceExpired", "True", "SpotToBeReleased", $"{Label(pod)} spot lost");
    }

    private static void ContainerGroupStatusWithNotice(out V1PodStatus status, PodShape pod)
    {
        Eci.ContainerGroups.ContainerGroupEvent notice = new() { Type = "Warning", Reason = "SpotToBeReleased", Message = "Spot ECI will be released in 3 minutes", FirstTimestamp = Finished, LastTimestamp = Finished, Count = 1 };
        status = PodStatusMapper.FromGroup(GroupAnswer("Running", [new("app", State.Running()), new("sidecar", State.Running())], events: [notice]), pod, HostIp);
        AssertCondition(status, "ContainerInstanceExpired", "True", "SpotToBeReleased", $"{Label(pod)} after the spot notice");
        Assert.True(Condition(status, "ContainerInstanceExpired")!.Message == "Spot ECI will be released in 3 minutes" && Condition(status, "ContainerInstanceExpired")!.LastTransitionTime == Finished.UtcDateTime,
            $"{Label(pod)}: expected ECI's notice message and time on ContainerInstanceExpired.");
    }

    [Fact]
    public void Pending_NoStock_PendingWithReasonOnPodAndContainerInstanceCreated()
    {
        PodShape pod = Pod(withInit: true);
        V1PodStatus pending = PodStatusMapper.Pending(pod, "NoStock", "Create ECI failed because the specified instance is out of stock.", Now);
        string where = $"{Label(pod)} pending on NoStock";

        Assert.True(pending.Phase == "Pending" && pending.Reason == "NoStock", $"{where}: expected Pending/NoStock, got {pending.Phase}/{pending.Reason}.");
        AssertCondition(pending, "ContainerInstanceCreated", "False", "NoStock", where);
        AssertCondition(pending, "PodScheduled", "True", null, where);
        AssertCondition(pending, "Initialized", "False", "ContainersNotInitialized", where);
        Assert.True(pending.Conditions.All(c => c.LastTransitionTime == Now), $"{where}: expected every condition stamped with now.");
        Assert.True(pending.ContainerStatuses.All(c => c.State.Waiting?.Reason == "PodInitializing") && pending.InitContainerStatuses.Single().State.Waiting?.Reason == "PodInitializing",
            $"{where}: with an init container every container waits in PodInitializing.");
        Assert.True(pending.QosClass == "Guaranteed", $"{where}: expected qosClass echoed.");
    }

    [Fact]
    public void Pending_NoReason_CreatingAndContainerCreating()
    {
        PodShape pod = Pod();
        V1PodStatus pending = PodStatusMapper.Pending(pod, null, null, Now);

        AssertCondition(pending, "ContainerInstanceCreated", "False", "Creating", $"{Label(pod)} before the group exists");
        Assert.True(pending.Reason is null && pending.ContainerStatuses.All(c => c.State.Waiting?.Reason == "ContainerCreating"),
            $"{Label(pod)}: expected no pod reason and containers in ContainerCreating.");
        AssertCondition(pending, "Initialized", "True", null, $"{Label(pod)} without init containers");
    }

    [Fact]
    public void Stamp_UnchangedCondition_KeepsItsTime_ChangedOneGetsNow()
    {
        PodShape pod = Pod();
        V1PodStatus before = PodStatusMapper.Pending(pod, null, null, Now.AddMinutes(-1));
        V1PodStatus after = PodStatusMapper.Stamp(PodStatusMapper.FromGroup(GroupAnswer("Running", [new("app", State.Running()), new("sidecar", State.Running())]), pod, HostIp), before, Now);

        Assert.True(Condition(after, "PodScheduled")!.LastTransitionTime == Now.AddMinutes(-1), $"{Label(pod)}: PodScheduled stayed True, its time must be kept.");
        Assert.True(Condition(after, "Ready")!.LastTransitionTime == Now, $"{Label(pod)}: Ready turned True, its time must be now.");
    }
}
