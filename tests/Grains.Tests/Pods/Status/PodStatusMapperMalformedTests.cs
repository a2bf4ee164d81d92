using System.Text.Json;

using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Status;
using OrleansEci.Grains.Pods.Status;

using static OrleansEci.Grains.Tests.Pods.Status.EciFixtures;
using static OrleansEci.Grains.Tests.Pods.Status.PodStatusMapperStatusTableTests;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>Malformed, missing and oddly spelled ECI values: a sensible status, never an exception.</summary>
public sealed class PodStatusMapperMalformedTests
{
    /// <summary>
    /// A DescribeContainerGroupStatus entry as the SDK spells it (eci-openapi.md §3.3): lower-case <c>type</c>/<c>status</c>/
    /// <c>lastTransitionTime</c>/<c>uuid</c>, <c>ImageID</c>, <c>ContainerID</c> and the literal <c>StartedAtstartedAt</c>.
    /// </summary>
    private const string SdkSpelledEntry = """
        {
          "ContainerGroupId": "eci-2ze0fixture", "Name": "web-7d4f", "Namespace": "shop", "uuid": "5b1c9a2e", "Status": "Running",
          "Annotations": "{}",
          "PodStatus": {
            "Phase": "Running", "HostIp": "", "PodIp": "192.168.3.17", "PodIps": [{ "Ip": "192.168.3.17" }], "QosClass": "Guaranteed",
            "StartTime": "2025-06-01T12:00:00Z",
            "Conditions": [
              { "type": "ContainerInstanceCreated", "status": "True", "lastTransitionTime": "2025-06-01T12:00:10Z", "Reason": "", "Message": "" },
              { "type": "Ready", "status": "True", "lastTransitionTime": "2025-06-01T12:00:21Z", "Reason": "", "Message": "" },
              { "type": "SandboxReady", "status": "True", "lastTransitionTime": "2025-06-01T12:00:11Z", "Reason": "", "Message": "" },
              { "type": "SandboxReady", "status": "False", "lastTransitionTime": "2025-06-01T12:00:12Z", "Reason": "SystemFailure.Reboot", "Message": "" },
              { "type": "Unschedulable", "status": "False", "lastTransitionTime": "2025-06-01T12:00:12Z", "Reason": "", "Message": "" }
            ],
            "ContainerStatuses": [
              { "Name": "app", "Image": "registry.example.com/shop/web:1.4", "ImageID": "registry.example.com/shop/web@sha256:0123", "Ready": true,
                "Started": true, "RestartCount": 1,
                "State": { "Running": { "StartedAtstartedAt": "2025-06-01T12:00:20Z" } },
                "LastState": { "Terminated": { "ContainerID": "0f3a9c", "ExitCode": 2, "Reason": "Error",
                  "StartedAt": "2025-06-01T12:00:12Z", "FinishedAt": "2025-06-01T12:00:15Z" } } },
              { "Name": "sidecar", "Image": "registry.example.com/envoy:1.30", "ImageID": "registry.example.com/envoy:1.30", "Ready": true,
                "Started": true, "RestartCount": 0, "State": { "Running": { "StartedAt": "2025-06-01T12:00:21Z" } }, "LastState": {} }
            ]
          }
        }
        """;

    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    [Fact]
    public void FromStatus_SdkFieldSpellings_StartedAtstartedAtLowerCaseConditionsAndBareContainerId()
    {
        ContainerGroupStatus answer = JsonSerializer.Deserialize<ContainerGroupStatus>(SdkSpelledEntry, CaseInsensitive)!;
        PodShape pod = Pod();
        V1PodStatus status = PodStatusMapper.FromStatus(answer, pod, HostIp);
        V1ContainerStatus app = ContainerStatus(status, "app");
        string where = $"{Label(pod)} from the SDK-spelled answer";

        Assert.True(app.State.Running?.StartedAt == new DateTime(2025, 6, 1, 12, 0, 20, DateTimeKind.Utc), $"{where}: expected StartedAtstartedAt read as app's start, got {Describe(app.State)}.");
        Assert.True(ContainerStatus(status, "sidecar").State.Running?.StartedAt == new DateTime(2025, 6, 1, 12, 0, 21, DateTimeKind.Utc), $"{where}: expected plain StartedAt read too.");
        Assert.True(app.ImageID == "registry.example.com/shop/web@sha256:0123", $"{where}: expected ImageID kept, got '{app.ImageID}'.");
        Assert.True(app.LastState.Terminated?.ContainerID == "containerd://0f3a9c", $"{where}: expected the bare ContainerID given the containerd:// scheme, got '{app.LastState.Terminated?.ContainerID}'.");
        Assert.True(Condition(status, "Ready")!.LastTransitionTime == new DateTime(2025, 6, 1, 12, 0, 21, DateTimeKind.Utc), $"{where}: expected ECI's lastTransitionTime on Ready.");
        Assert.True(Condition(status, "ContainerInstanceCreated") is { Status: "True", Reason: null }, $"{where}: expected ECI's empty reason read as none.");
        AssertCondition(status, "SandboxReady", "True", null, where);
        Assert.True(status.Conditions.Count(c => c.Type == "SandboxReady") == 1 && status.Conditions.All(c => c.Type != "Unschedulable"),
            $"{where}: expected ECI's SandboxReady once and no Unschedulable condition (a PodScheduled reason in Kubernetes), got [{string.Join(", ", status.Conditions.Select(c => c.Type))}].");
        Assert.True(ContainerStatus(status, "sidecar").LastState is { Running: null, Waiting: null, Terminated: null }, $"{where}: expected an empty lastState for an empty object.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("WatingForDel")]
    [InlineData("running")]
    public void FromStatus_NullOrUnknownEciStatus_PhaseFromContainers(string? eciStatus)
    {
        PodShape pod = Pod();
        ContainerGroupStatus answer = StatusAnswer(eciStatus, [new("app", State.Running()), new("sidecar", State.Running())]);
        V1PodStatus status = PodStatusMapper.FromStatus(answer, pod, HostIp);

        Assert.True(status.Phase == "Running", $"{Label(pod)}, ECI status '{eciStatus}': expected Running from the running containers, got {status.Phase}.");
        Assert.True(status.Conditions.Any(c => c.Type == "ContainerInstanceCreated" && c.Status == "True"), $"{Label(pod)}: containers exist, so the instance was created.");
    }

    [Fact]
    public void FromStatus_NothingButAnUnknownStatusAndEciPhase_UsesEciPhase()
    {
        PodShape pod = Pod();
        ContainerGroupStatus answer = StatusAnswer("StartingFailed", []) with { PodStatus = new PodStatusInfo { Phase = "Failed" } };
        V1PodStatus status = PodStatusMapper.FromStatus(answer, pod, HostIp);

        Assert.True(status.Phase == "Failed", $"{Label(pod)}: expected ECI's own phase when nothing else is known, got {status.Phase}.");
    }

    [Fact]
    public void FromStatus_NullPhaseNullPodStatus_PendingWaiting()
    {
        PodShape pod = Pod();
        V1PodStatus status = PodStatusMapper.FromStatus(new ContainerGroupStatus { ContainerGroupId = GroupId }, pod, HostIp);

        Assert.True(status.Phase == "Pending" && status.ContainerStatuses.All(c => c.State.Waiting?.Reason == "ContainerCreating"),
            $"{Label(pod)}: expected Pending with containers waiting when ECI says nothing, got {status.Phase}.");
        Assert.True(status.PodIP is null && status.StartTime is null, $"{Label(pod)}: expected no IP and no start time.");
    }

    [Theory]
    [InlineData("DescribeContainerGroupStatus")]
    [InlineData("DescribeContainerGroups")]
    public void Map_UnknownContainerName_IgnoredAndSpecContainersReported(string call)
    {
        PodShape pod = Pod();
        Container[] containers = [new("app", State.Running()), new("istio-proxy", State.Running()), new("sidecar", State.Running())];
        V1PodStatus status = call == "DescribeContainerGroupStatus"
            ? PodStatusMapper.FromStatus(StatusAnswer("Running", containers), pod, HostIp)
            : PodStatusMapper.FromGroup(GroupAnswer("Running", containers), pod, HostIp);

        Assert.True(status.ContainerStatuses.Select(c => c.Name).SequenceEqual(["app", "sidecar"]),
            $"{Label(pod)} via {call}: expected only the pod's containers, got [{string.Join(", ", status.ContainerStatuses.Select(c => c.Name))}].");
        Assert.True(status.Phase == "Running", $"{Label(pod)}: expected Running, got {status.Phase}.");
    }

    [Fact]
    public void FromStatus_MissingTimestampsNamesAndCounts_NoException()
    {
        PodShape pod = Pod("Never");
        ContainerGroupStatus answer = new()
        {
            Status = "Failed",
            PodStatus = new PodStatusInfo
            {
                PodIp = "not-an-ip",
                PodIps = [new PodIpInfo { Ip = "1" }, new PodIpInfo { Ip = null }, null!, new PodIpInfo { Ip = "fe80::1%eth0" }],
                StartTime = DateTimeOffset.MinValue,
                Conditions = [new PodConditionInfo { Type = null, Status = "True" }, new PodConditionInfo { Type = "ContainerInstanceCreated", Status = "maybe" }, null!],
                ContainerStatuses =
                [
                    new ContainerStatusInfo { Name = "app", RestartCount = -3, State = new ContainerStateDetail { Terminated = new TerminatedStateDetail { Reason = "OOMKilled" } } },
                    new ContainerStatusInfo { Name = null, State = new ContainerStateDetail { Running = new RunningStateDetail() } },
                    new ContainerStatusInfo { Name = "sidecar", State = new ContainerStateDetail { Running = new RunningStateDetail() } },
                    null!,
                ],
            },
        };

        V1PodStatus status = PodStatusMapper.FromStatus(answer, pod, "");
        V1ContainerStatus app = ContainerStatus(status, "app");
        V1ContainerStatus sidecar = ContainerStatus(status, "sidecar");
        string where = $"{Label(pod)} from a malformed answer";

        Assert.True(status.Phase == "Failed", $"{where}: expected Failed, got {status.Phase}.");
        Assert.True(status.PodIP is null && status.PodIPs is null && status.HostIP is null, $"{where}: expected invalid IPs and an empty host IP dropped, got '{status.PodIP}'/'{status.HostIP}'.");
        Assert.True(status.StartTime is null, $"{where}: expected year-1 start time read as missing, got {status.StartTime:O}.");
        Assert.True(app.State.Terminated is { ExitCode: 1, Reason: "OOMKilled", StartedAt: null, FinishedAt: null } && app.RestartCount == 0,
            $"{where}: expected app terminated with exit 1 for a missing code, no times, restart count 0; got {Describe(app.State)} ×{app.RestartCount}.");
        Assert.True(sidecar.State.Terminated?.Reason == "ContainerStatusUnknown", $"{where}: a container still running in a Failed group reads ContainerStatusUnknown, got {Describe(sidecar.State)}.");
        Assert.True(Condition(status, "ContainerInstanceCreated")!.Status == "True", $"{where}: an unreadable condition status falls back to what the group status says.");
    }

    [Fact]
    public void FromGroup_UnknownContainerStateStrings_ReadSensibly()
    {
        PodShape pod = Pod("Never");
        ContainerGroup group = GroupAnswer("Running", []) with
        {
            Containers =
            [
                new ContainerInfo { Name = "app", CurrentState = new ContainerStateInfo { State = "Succeeded" } },
                new ContainerInfo { Name = "sidecar", CurrentState = new ContainerStateInfo { State = "Exploded" }, PreviousState = new ContainerStateInfo { State = "Failed", ExitCode = 3 } },
            ],
            IntranetIp = "192.168.3.17",
            Ipv6Address = "2408:4005:3bf::17",
            CreationTime = null,
        };

        V1PodStatus status = PodStatusMapper.FromGroup(group, pod, HostIp);

        Assert.True(ContainerStatus(status, "app").State.Terminated is { ExitCode: 0, Reason: "Completed" }, $"{Label(pod)}: the older API's Succeeded reads as Terminated 0/Completed.");
        Assert.True(ContainerStatus(status, "sidecar").State.Waiting?.Reason == "ContainerCreating", $"{Label(pod)}: an unknown state string reads as waiting.");
        Assert.True(ContainerStatus(status, "sidecar").LastState.Terminated is { ExitCode: 3, Reason: "Error" }, $"{Label(pod)}: the older API's Failed reads as a termination with its exit code.");
        Assert.True(status.PodIPs.Select(p => p.Ip).SequenceEqual(["192.168.3.17", "2408:4005:3bf::17"]) && status.PodIP == "192.168.3.17",
            $"{Label(pod)}: expected IPv4 first then IPv6, got [{string.Join(", ", status.PodIPs.Select(p => p.Ip))}].");
        Assert.True(status.StartTime is null, $"{Label(pod)}: no creation time, no start time.");
    }

    [Fact]
    public void FromStatus_TwoIpsOfOneFamily_OnePerFamilyPrimaryFirst()
    {
        PodShape pod = Pod();
        ContainerGroupStatus answer = StatusAnswer("Running", [new("app", State.Running()), new("sidecar", State.Running())]);
        answer = answer with { PodStatus = answer.PodStatus! with { PodIp = PodIp, PodIps = [new PodIpInfo { Ip = "192.168.3.99" }, new PodIpInfo { Ip = "2408:4005:3bf::17" }, new PodIpInfo { Ip = PodIp }] } };

        V1PodStatus status = PodStatusMapper.FromStatus(answer, pod, HostIp);

        Assert.True(status.PodIP == PodIp && status.PodIPs.Select(p => p.Ip).SequenceEqual([PodIp, "2408:4005:3bf::17"]),
            $"{Label(pod)}: expected podIP {PodIp} and podIPs [{PodIp}, 2408:4005:3bf::17] (one per family, as the API server requires), got [{string.Join(", ", status.PodIPs.Select(p => p.Ip))}].");
    }

    [Fact]
    public void FromGroup_ScheduleFailedAfterNoStockEvent_ReasonAndMessageFromTheEvent()
    {
        PodShape pod = Pod();
        ContainerGroupEvent noStock = new() { Type = "Warning", Reason = "NoStock", Message = "Create ECI failed because the specified instance is out of stock.", FirstTimestamp = Created, LastTimestamp = Created, Count = 1 };
        ContainerGroupEvent matched = new() { Type = "Normal", Reason = "AutoInstanceTypeMatch", Message = "ecs.c6.large", FirstTimestamp = Started, LastTimestamp = Started, Count = 1 };

        V1PodStatus failed = PodStatusMapper.FromGroup(GroupAnswer("ScheduleFailed", [], events: [noStock, matched]), pod, HostIp);
        V1PodStatus scheduling = PodStatusMapper.FromGroup(GroupAnswer("Scheduling", [], events: [noStock]), pod, HostIp);

        Assert.True(failed is { Phase: "Failed", Reason: "NoStock" } && failed.Message == noStock.Message, $"{Label(pod)}: expected Failed/NoStock with ECI's message, got {failed.Phase}/{failed.Reason}/'{failed.Message}'.");
        AssertCondition(failed, "ContainerInstanceCreated", "False", "NoStock", Label(pod));
        AssertCondition(scheduling, "ContainerInstanceCreated", "False", "NoStock", $"{Label(pod)} still scheduling");
        Assert.True(scheduling is { Phase: "Pending", Reason: null }, $"{Label(pod)}: expected Pending without a pod reason while ECI keeps trying, got {scheduling.Phase}/{scheduling.Reason}.");
    }

    [Fact]
    public void PodShape_FromPodWithMissingParts_Defaults()
    {
        PodShape shape = PodShape.From(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-7d4f", NamespaceProperty = "shop", Uid = "u-1" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx" }, new V1Container { Name = "" }] },
            Status = new V1PodStatus { QosClass = "BestEffort" },
        });
        PodShape empty = PodShape.From(new V1Pod());

        Assert.True(shape is { Namespace: "shop", Name: "web-7d4f", Uid: "u-1", RestartPolicy: "Always", QosClass: "BestEffort" } && shape.Containers.Single() == new ContainerShape("app", "nginx") && shape.InitContainers.Count == 0,
            $"Expected shop/web-7d4f with one container app:nginx, restartPolicy Always, BestEffort; got {shape}.");
        Assert.True(empty is { Namespace: "default", Name: "", RestartPolicy: "Always" } && empty.Containers.Count == 0, $"Expected an empty pod to give an empty shape, got {empty}.");
    }
}
