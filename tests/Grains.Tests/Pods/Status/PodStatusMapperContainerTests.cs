using k8s.Models;

using OrleansEci.Grains.Pods.Status;

using static OrleansEci.Grains.Tests.Pods.Status.EciFixtures;
using static OrleansEci.Grains.Tests.Pods.Status.PodStatusMapperStatusTableTests;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>Every container state ECI reports, through both calls, to the container status kubectl shows.</summary>
public sealed class PodStatusMapperContainerTests
{
    public static TheoryData<string> Calls() => ["DescribeContainerGroupStatus", "DescribeContainerGroups"];

    private static V1PodStatus Map(string call, string eciStatus, PodShape pod, params Container[] containers) =>
        call == "DescribeContainerGroupStatus"
            ? PodStatusMapper.FromStatus(StatusAnswer(eciStatus, containers), pod, HostIp)
            : PodStatusMapper.FromGroup(GroupAnswer(eciStatus, containers), pod, HostIp);

    [Theory]
    [MemberData(nameof(Calls))]
    public void Map_RunningContainer_RunningReadyStartedWithStartTimeAndContainerdId(string call)
    {
        PodShape pod = Pod();
        V1PodStatus status = Map(call, "Running", pod, new Container("app", State.Running()), new Container("sidecar", State.Running()));
        V1ContainerStatus app = ContainerStatus(status, "app");
        string where = $"{Label(pod)} via {call}";

        Assert.True(app.State.Running?.StartedAt == Started.UtcDateTime, $"{where}: expected app running since {Started:O}, got {Describe(app.State)}.");
        Assert.True(app.Ready && app.Started == true, $"{where}: expected app ready and started, got ready={app.Ready} started={app.Started}.");
        Assert.True(app.ContainerID?.StartsWith("containerd://", StringComparison.Ordinal) == true && app.ContainerID.Length == "containerd://".Length + 64,
            $"{where}: expected a containerd:// id of 64 hex digits, got '{app.ContainerID}'.");
        Assert.True(app.Image == "registry.example.com/shop/web:1.4" && app.ImageID == "registry.example.com/shop/web:1.4",
            $"{where}: expected image and imageID registry.example.com/shop/web:1.4, got '{app.Image}' / '{app.ImageID}'.");
        Assert.True(status.PodIP == PodIp && status.PodIPs.Single().Ip == PodIp, $"{where}: expected pod IP {PodIp}, got '{status.PodIP}'.");
        Assert.True(status.StartTime == Created.UtcDateTime, $"{where}: expected startTime {Created:O}, got {status.StartTime:O}.");
    }

    [Fact]
    public void Map_SameContainerThroughBothCalls_SameContainerId()
    {
        PodShape pod = Pod();
        Container[] containers = [new("app", State.Running(), State.Terminated(1, "Error"), 3), new("sidecar", State.Running())];
        V1PodStatus viaStatus = PodStatusMapper.FromStatus(StatusAnswer("Running", containers), pod, HostIp);
        V1PodStatus viaGroup = PodStatusMapper.FromGroup(GroupAnswer("Running", containers), pod, HostIp);

        Assert.True(ContainerStatus(viaStatus, "app").ContainerID == ContainerStatus(viaGroup, "app").ContainerID,
            $"{Label(pod)}: expected the same container id from both calls, got '{ContainerStatus(viaStatus, "app").ContainerID}' and '{ContainerStatus(viaGroup, "app").ContainerID}'.");
        Assert.True(PodStatusMapper.SameStatus(viaStatus, viaGroup), $"{Label(pod)}: expected both calls to give the same visible status for the same facts.");
    }

    [Theory]
    [InlineData("DescribeContainerGroupStatus", 0, "Completed")]
    [InlineData("DescribeContainerGroupStatus", 1, "Error")]
    [InlineData("DescribeContainerGroupStatus", 137, "OOMKilled")]
    [InlineData("DescribeContainerGroups", 0, "Completed")]
    [InlineData("DescribeContainerGroups", 1, "Error")]
    [InlineData("DescribeContainerGroups", 137, "OOMKilled")]
    public void Map_TerminatedContainer_ExitCodeReasonAndTimesKept(string call, int exitCode, string reason)
    {
        PodShape pod = Pod("Never");
        V1PodStatus status = Map(call, "Running", pod, new Container("app", State.Terminated(exitCode, reason, exitCode == 137 ? 9 : null)), new Container("sidecar", State.Running()));
        V1ContainerStateTerminated? t = ContainerStatus(status, "app").State.Terminated;
        string where = $"{Label(pod)}, app exited {exitCode} via {call}";

        Assert.True(t is not null, $"{where}: expected a terminated state.");
        Assert.True(t.ExitCode == exitCode && t.Reason == reason, $"{where}: expected {exitCode}/{reason}, got {t.ExitCode}/{t.Reason}.");
        Assert.True(t.StartedAt == Started.UtcDateTime && t.FinishedAt == Finished.UtcDateTime, $"{where}: expected started {Started:O} finished {Finished:O}, got {t.StartedAt:O} {t.FinishedAt:O}.");
        Assert.True(t.Signal == (exitCode == 137 ? 9 : null), $"{where}: expected signal {(exitCode == 137 ? 9 : null)}, got {t.Signal}.");
        Assert.True(!ContainerStatus(status, "app").Ready, $"{where}: a terminated container is not ready.");
        Assert.True(status.Phase == "Running", $"{where}: sidecar still runs, so the pod is Running; got {status.Phase}.");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Map_CrashLoopBackOff_WaitingWithLastTerminationAndRestartCount(string call)
    {
        PodShape pod = Pod();
        V1PodStatus status = Map(call, "Running", pod,
            new Container("app", State.Waiting("CrashLoopBackOff", "back-off 40s restarting container"), State.Terminated(1, "Error"), 4),
            new Container("sidecar", State.Running()));
        V1ContainerStatus app = ContainerStatus(status, "app");
        string where = $"{Label(pod)}, app crash-looping via {call}";

        Assert.True(app.State.Waiting is { Reason: "CrashLoopBackOff", Message: "back-off 40s restarting container" }, $"{where}: expected Waiting CrashLoopBackOff with ECI's message, got {Describe(app.State)}.");
        Assert.True(app.LastState.Terminated is { ExitCode: 1, Reason: "Error" }, $"{where}: expected lastState Terminated 1/Error, got {Describe(app.LastState)}.");
        Assert.True(app.RestartCount == 4 && !app.Ready && app.Started == false, $"{where}: expected restartCount 4, not ready, not started; got {app.RestartCount}/{app.Ready}/{app.Started}.");
        Assert.True(app.ContainerID == app.LastState.Terminated.ContainerID && app.ContainerID is not null,
            $"{where}: a waiting container shows the id of its last run, got '{app.ContainerID}' vs '{app.LastState.Terminated.ContainerID}'.");
        Assert.True(status.Phase == "Running", $"{where}: a crash-looping container counts as stopped, so the kubelet says Running; got {status.Phase}.");
        AssertCondition(status, "Ready", "False", "ContainersNotReady", where);
        Assert.True(Condition(status, "Ready")!.Message == "containers with unready status: [app]", $"{where}: expected the kubelet's message, got '{Condition(status, "Ready")!.Message}'.");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Map_RestartedRunningContainer_LastStateKeepsPreviousRunWithItsOwnId(string call)
    {
        PodShape pod = Pod();
        V1PodStatus status = Map(call, "Running", pod, new Container("app", State.Running(), State.Terminated(137, "OOMKilled", 9), 2), new Container("sidecar", State.Running()));
        V1ContainerStatus app = ContainerStatus(status, "app");
        string where = $"{Label(pod)}, app restarted via {call}";

        Assert.True(app.RestartCount == 2 && app.State.Running is not null, $"{where}: expected running with 2 restarts.");
        Assert.True(app.LastState.Terminated is { ExitCode: 137, Reason: "OOMKilled", Signal: 9 }, $"{where}: expected lastState 137/OOMKilled/9, got {Describe(app.LastState)}.");
        Assert.True(app.LastState.Terminated.ContainerID != app.ContainerID, $"{where}: the previous run must have a different id than the current one.");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Map_ContainerEciDoesNotReportYet_WaitingContainerCreating(string call)
    {
        PodShape pod = Pod();
        V1PodStatus status = Map(call, "Pending", pod, new Container("app", State.Waiting("ContainerCreating")));
        V1ContainerStatus sidecar = ContainerStatus(status, "sidecar");
        string where = $"{Label(pod)}, sidecar not reported via {call}";

        Assert.True(sidecar.State.Waiting?.Reason == "ContainerCreating", $"{where}: expected Waiting ContainerCreating, got {Describe(sidecar.State)}.");
        Assert.True(sidecar.Image == "registry.example.com/envoy:1.30" && sidecar.ContainerID is null, $"{where}: expected the spec's image and no container id yet.");
        Assert.True(status.Phase == "Pending", $"{where}: expected Pending, got {status.Phase}.");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Map_ReadyFalseFromEciWhileRunning_NotReadyButStarted(string call)
    {
        PodShape pod = Pod();
        V1PodStatus status = Map(call, "Running", pod, new Container("app", State.Running(), Ready: false), new Container("sidecar", State.Running()));
        V1ContainerStatus app = ContainerStatus(status, "app");
        string where = $"{Label(pod)}, app failing readiness via {call}";

        Assert.True(!app.Ready && app.State.Running is not null, $"{where}: expected running but not ready.");
        AssertCondition(status, "ContainersReady", "False", "ContainersNotReady", where);
    }

    [Theory]
    [InlineData("Never", 1, "Failed")]
    [InlineData("OnFailure", 1, "Running")]
    [InlineData("Always", 1, "Running")]
    [InlineData("Never", 0, "Succeeded")]
    [InlineData("OnFailure", 0, "Succeeded")]
    [InlineData("Always", 0, "Running")]
    public void Map_EciRunningButAllContainersTerminated_KubeletGetPhase(string restartPolicy, int exitCode, string phase)
    {
        PodShape pod = Pod(restartPolicy);
        V1PodStatus status = Map("DescribeContainerGroupStatus", "Running", pod, new Container("app", State.Terminated(exitCode)), new Container("sidecar", State.Terminated(0)));

        Assert.True(phase == status.Phase, $"{Label(pod)}, restartPolicy {restartPolicy}, app exit {exitCode}: expected {phase} (kubelet getPhase), got {status.Phase}.");
    }

    [Fact]
    public void FromGroup_InitContainers_ReportedInPodOrderAndGateInitialized()
    {
        PodShape pod = Pod(withInit: true);
        V1PodStatus running = PodStatusMapper.FromGroup(GroupAnswer("Pending", [new("app", State.Waiting("PodInitializing")), new("sidecar", State.Waiting("PodInitializing"))], [new("migrate", State.Running())]), pod, HostIp);
        V1PodStatus done = PodStatusMapper.FromGroup(GroupAnswer("Running", [new("app", State.Running()), new("sidecar", State.Running())], [new("migrate", State.Terminated(0, "Completed"))]), pod, HostIp);
        V1PodStatus failed = PodStatusMapper.FromGroup(GroupAnswer("Pending", [new("app", State.Waiting("PodInitializing")), new("sidecar", State.Waiting("PodInitializing"))], [new("migrate", State.Terminated(3, "Error"))]), pod with { RestartPolicy = "Never" }, HostIp);

        Assert.True(running.InitContainerStatuses.Single().State.Running is not null, $"{Label(pod)}: expected migrate running.");
        AssertCondition(running, "Initialized", "False", "ContainersNotInitialized", $"{Label(pod)} while migrate runs");
        Assert.True(running.Phase == "Pending", $"{Label(pod)}: expected Pending while init runs, got {running.Phase}.");
        Assert.True(done.InitContainerStatuses.Single() is { Ready: true, State.Terminated.ExitCode: 0 }, $"{Label(pod)}: expected migrate completed and ready.");
        AssertCondition(done, "Initialized", "True", null, $"{Label(pod)} after migrate");
        Assert.True(failed.Phase == "Failed", $"{Label(pod)}: an init container failing under restartPolicy Never fails the pod (getPhase), got {failed.Phase}.");
    }

    [Fact]
    public void FromStatus_InitContainersNotInThePollerAnswer_InferredFromProgress()
    {
        PodShape pod = Pod(withInit: true);
        V1PodStatus running = PodStatusMapper.FromStatus(StatusAnswer("Running", [new("app", State.Running()), new("sidecar", State.Running())]), pod, HostIp);
        V1PodStatus pending = PodStatusMapper.FromStatus(StatusAnswer("Pending", [new("app", State.Waiting("PodInitializing")), new("sidecar", State.Waiting("PodInitializing"))]), pod, HostIp);

        Assert.True(running.InitContainerStatuses.Single() is { Name: "migrate", Ready: true, State.Terminated: { ExitCode: 0, Reason: "Completed" } },
            $"{Label(pod)}: ECI runs app containers only after init containers succeed, so migrate must read Completed.");
        Assert.True(pending.InitContainerStatuses.Single().State.Waiting?.Reason == "PodInitializing", $"{Label(pod)}: expected migrate waiting PodInitializing before any app container started.");
        Assert.True(pending.Phase == "Pending", $"{Label(pod)}: expected Pending, got {pending.Phase}.");

        V1PodStatus groupWithoutInit = PodStatusMapper.FromGroup(GroupAnswer("Running", [new("app", State.Running()), new("sidecar", State.Running())]), pod, HostIp);
        Assert.True(groupWithoutInit.InitContainerStatuses.Single().State.Terminated is { ExitCode: 0 },
            $"{Label(pod)}: a full group answer that lists no init containers is read like the poller's, by progress.");
    }
}
