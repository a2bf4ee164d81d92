using k8s.Models;

using OrleansEci.Grains.Pods.Status;

using static OrleansEci.Grains.Tests.Pods.Status.EciFixtures;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>SameStatus: true for noise (ordering, times, null vs empty), false for anything kubectl would show differently.</summary>
public sealed class PodStatusMapperSameStatusTests
{
    private static V1PodStatus Fresh() => PodStatusMapper.Stamp(
        PodStatusMapper.FromStatus(StatusAnswer("Running", [new("app", State.Running(), State.Terminated(1, "Error"), 1), new("sidecar", State.Running())]), Pod(withInit: true), HostIp),
        null,
        Now);

    [Fact]
    public void SameStatus_ReorderedConditionsAndContainersOtherTimes_True()
    {
        V1PodStatus a = Fresh();
        V1PodStatus b = Fresh();
        b.Conditions = [.. b.Conditions.Reverse().Select(c => { c.LastTransitionTime = Now.AddHours(1); return c; })];
        b.ContainerStatuses = [.. b.ContainerStatuses.Reverse()];
        b.Reason = "";
        b.StartTime = a.StartTime!.Value.AddMilliseconds(400);
        b.ContainerStatuses.First(c => c.Name == "app").LastState.Terminated.ContainerID = "containerd://eci-2ze0fixture-app";

        Assert.True(PodStatusMapper.SameStatus(a, b),
            "Expected the same status for reordered conditions/containers, other condition times, empty vs null reason, sub-second start time and ECI's id inside a termination.");
    }

    [Fact]
    public void SameStatus_NullPrevious_False()
    {
        Assert.False(PodStatusMapper.SameStatus(null, Fresh()), "Expected a status compared with nothing written yet to count as changed.");
    }

    public static TheoryData<string> Changes() =>
    [
        "phase", "reason", "message", "podIP", "hostIP", "startTime", "condition status", "condition reason", "condition message",
        "condition removed", "container ready", "restartCount", "state running→waiting", "waiting reason", "exit code", "finishedAt",
        "lastState", "image", "containerID", "init container state", "podIPs",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void SameStatus_AnyVisibleChange_False(string change)
    {
        V1PodStatus a = Fresh();
        V1PodStatus b = Fresh();
        V1ContainerStatus app = b.ContainerStatuses.First(c => c.Name == "app");
        V1PodCondition ready = b.Conditions.First(c => c.Type == "Ready");
        switch (change)
        {
            case "phase": b.Phase = "Failed"; break;
            case "reason": b.Reason = "BidFailed"; break;
            case "message": b.Message = "gone"; break;
            case "podIP": b.PodIP = "192.168.3.18"; break;
            case "hostIP": b.HostIP = "10.0.0.6"; break;
            case "startTime": b.StartTime = a.StartTime!.Value.AddSeconds(1); break;
            case "condition status": ready.Status = "False"; break;
            case "condition reason": ready.Reason = "ContainersNotReady"; break;
            case "condition message": ready.Message = "containers with unready status: [app]"; break;
            case "condition removed": b.Conditions.Remove(ready); break;
            case "container ready": app.Ready = false; break;
            case "restartCount": app.RestartCount = 2; break;
            case "state running→waiting": app.State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } }; break;
            case "waiting reason": b.InitContainerStatuses[0].State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "PodInitializing" } }; break;
            case "exit code": app.LastState.Terminated.ExitCode = 2; break;
            case "finishedAt": app.LastState.Terminated.FinishedAt = Now; break;
            case "lastState": app.LastState = new V1ContainerState(); break;
            case "image": app.Image = "registry.example.com/shop/web:1.5"; break;
            case "containerID": app.ContainerID = "containerd://other"; break;
            case "init container state": b.InitContainerStatuses[0].Ready = false; break;
            case "podIPs": b.PodIPs.Add(new V1PodIP { Ip = "fd00::17" }); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, "No such change in the table.");
        }

        Assert.False(PodStatusMapper.SameStatus(a, b), $"Expected a change of {change} on pod shop/web-7d4f to count as changed.");
    }
}
