using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Exec;
using OrleansEci.Eci.Logs;
using OrleansEci.Eci.Metrics;
using OrleansEci.Eci.Regions;
using OrleansEci.Eci.Status;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests;

/// <summary>Each typed action: the Action it sends and how its answer (shapes from eci-openapi.md §3) reads.</summary>
public sealed class EciClientActionsTests : ScriptedServerTest
{
    private EciClient? _client;

    private EciClient Sut => _client ??= Client();

    private RecordedCall OnlyCall(string action)
    {
        RecordedCall call = Assert.Single(Server.Calls);
        Assert.True(call.Action == action, $"Expected Action={action}, got {call.Action}.");
        return call;
    }

    [Fact]
    public async Task DescribeContainerGroupsAsync_FullGroup_ReadsEveryPart()
    {
        Server.Then(ScriptedAnswer.Ok(Samples.DescribeContainerGroups));

        var page = await Sut.DescribeContainerGroupsAsync(new() { ContainerGroupIds = ["eci-1"], WithEvent = true }, Ct);

        var call = OnlyCall("DescribeContainerGroups");
        Assert.Equal(("""["eci-1"]""", "true"), (call["ContainerGroupIds"], call["WithEvent"]));
        ContainerGroup group = Assert.Single(page.ContainerGroups);
        Assert.Equal(("eci-1", "Running", "cn-hangzhou-h", "192.168.0.9", 2.0, 4.0), (group.ContainerGroupId, group.Status, group.ZoneId, group.IntranetIp, group.Cpu, group.Memory));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), group.CreationTime);
        Assert.Null(group.SucceededTime);
        Assert.Equal(new Tag("NodeName", "vk-1"), Assert.Single(group.Tags));
        Assert.Equal(["a.local"], Assert.Single(group.HostAliases).Hostnames);
        Assert.Equal(["10.0.0.10"], group.DnsConfig!.NameServers);
        Assert.Equal("SpotToBeReleased", Assert.Single(group.Events).Reason);
        ContainerInfo app = group.Containers[0];
        Assert.Equal((true, 2, "Running", "Terminated", 137), (app.Ready, app.RestartCount, app.CurrentState!.State, app.PreviousState!.State, app.PreviousState.ExitCode));
        Assert.Equal(["/bin/sh", "-c"], app.EffectiveCommand);
        Assert.Equal("status.podIP", app.EnvironmentVars[1].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal((8080, "HTTP"), (app.LivenessProbe!.HttpGet!.Port, app.LivenessProbe.HttpGet.Scheme));
        Assert.Equal(["NET_ADMIN"], app.SecurityContext!.Capability!.Adds);
        Assert.Equal(["init"], group.InitContainers[0].EffectiveCommand);
        Assert.Equal(("NFSVolume", "nfs.local"), (group.Volumes[0].Type, group.Volumes[0].NFSVolumeServer));
        Assert.Equal("aGk=", Assert.Single(group.Volumes[1].ConfigFileVolumeConfigFileToPaths).Content);
    }

    [Fact]
    public async Task DescribeContainerGroupStatusAsync_LowerCaseKeys_ReadsThem()
    {
        Server.Then(ScriptedAnswer.Ok(Samples.DescribeContainerGroupStatus));

        var page = await Sut.DescribeContainerGroupStatusAsync(new() { SinceSecond = 30 }, Ct);

        OnlyCall("DescribeContainerGroupStatus");
        ContainerGroupStatus status = Assert.Single(page.Data);
        Assert.Equal(("eci-1", "web-0", "default", "uid-1", "Running"), (status.ContainerGroupId, status.Name, status.Namespace, status.Uuid, status.Status));
        PodConditionInfo condition = Assert.Single(status.PodStatus!.Conditions);
        Assert.Equal(("ContainerInstanceCreated", "True"), (condition.Type, condition.Status));
        ContainerStatusInfo container = Assert.Single(status.PodStatus.ContainerStatuses);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 1, 0, TimeSpan.Zero), container.State!.Running!.Started);
        Assert.Equal((1, "docker://abc"), (container.LastState!.Terminated!.ExitCode, container.LastState.Terminated.ContainerId));
        Assert.Equal("sha256:1", container.ImageId);
    }

    [Fact]
    public async Task DescribeContainerGroupEventsAsync_Events_ReadsInvolvedObject()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","NextToken":"","TotalCount":1,"Data":[{"ContainerGroupId":"eci-1","uuid":"u","Events":[{"Count":1,"Type":"Warning","Reason":"NoStock","Message":"sold out","FirstTimestamp":"2025-06-01T12:00:00Z","LastTimestamp":"2025-06-01T12:00:05Z","Metadata":{"Name":"e1","Namespace":"default"},"Source":{"Component":"eci","Host":"h"},"involvedObject":{"Kind":"Pod","Name":"web-0","Uid":"u"}}]}]}"""));

        var page = await Sut.DescribeContainerGroupEventsAsync(new(), Ct);

        OnlyCall("DescribeContainerGroupEvents");
        EciEvent e = Assert.Single(Assert.Single(page.Data).Events);
        Assert.Equal(("NoStock", "Pod", "eci", "e1"), (e.Reason, e.InvolvedObject!.Kind, e.Source!.Component, e.Metadata!.Name));
    }

    [Fact]
    public async Task RestartAndUpdateContainerGroupAsync_Send_WithGeneratedClientTokens()
    {
        await Sut.RestartContainerGroupAsync(new() { ContainerGroupId = "eci-1" }, Ct);
        await Sut.UpdateContainerGroupAsync(new() { ContainerGroupId = "eci-1", UpdateType = "IncrementalUpdate", Cpu = 2, Tags = [new("a", "b")] }, Ct);

        Assert.Equal(["RestartContainerGroup", "UpdateContainerGroup"], Server.Calls.Select(static c => c.Action));
        Assert.Equal(["token-1", "token-2"], Server.Calls.Select(static c => c["ClientToken"]));
        Assert.Equal(("IncrementalUpdate", "2", "b"), (Server.Calls[1]["UpdateType"], Server.Calls[1]["Cpu"], Server.Calls[1]["Tag.1.Value"]));
    }

    [Fact]
    public async Task DeleteContainerGroupAsync_Force_SendsIt()
    {
        var response = await Sut.DeleteContainerGroupAsync(new() { ContainerGroupId = "eci-1", Force = true, ClientToken = "del-1" }, Ct);

        var call = OnlyCall("DeleteContainerGroup");
        Assert.Equal(("eci-1", "true", "del-1", "req-ok"), (call["ContainerGroupId"], call["Force"], call["ClientToken"], response.RequestId));
    }

    [Fact]
    public async Task DescribeContainerLogAsync_Options_SendsThemAndReadsContent()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","ContainerName":"app","Content":"line1\nline2\n"}"""));

        var log = await Sut.DescribeContainerLogAsync(new() { ContainerGroupId = "eci-1", ContainerName = "app", Tail = 10, SinceSeconds = 60, LimitBytes = 1024, Timestamps = true, LastTime = true }, Ct);

        var call = OnlyCall("DescribeContainerLog");
        Assert.Equal(("10", "60", "1024", "true", "true"), (call["Tail"], call["SinceSeconds"], call["LimitBytes"], call["Timestamps"], call["LastTime"]));
        Assert.Equal(("app", "line1\nline2\n"), (log.ContainerName, log.Content));
    }

    [Fact]
    public async Task ExecContainerCommandAsync_Sync_ReadsOutput()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","WebSocketUri":"wss://eci/exec/?s=x","HttpUrl":"https://console","SyncResponse":"hello\n"}"""));

        var exec = await Sut.ExecContainerCommandAsync(new() { ContainerGroupId = "eci-1", ContainerName = "app", Command = ["echo", "hello"], Sync = true, Stdin = false }, Ct);

        var call = OnlyCall("ExecContainerCommand");
        Assert.Equal(("""["echo","hello"]""", "true", "false"), (call["Command"], call["Sync"], call["Stdin"]));
        Assert.Equal(("wss://eci/exec/?s=x", "hello\n"), (exec.WebSocketUri, exec.SyncResponse));
    }

    [Fact]
    public async Task DescribeContainerGroupMetricAsync_Record_ReadsUpperCaseCpuAndIo()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","ContainerGroupId":"eci-1","Records":[{"Timestamp":"2025-06-01T12:00:00Z","CPU":{"Limit":2000,"UsageNanoCores":5000},"Memory":{"WorkingSet":1024},"Network":{"Interfaces":[{"Name":"eth0","RxBytes":10}]},"Disk":[{"Device":"vda","ReadIO":3}],"Filesystem":[{"FsName":"/","Category":"System","Capacity":100}],"Containers":[{"Name":"app","CPU":{"UsageNanoCores":7}}]}]}"""));

        var metric = await Sut.DescribeContainerGroupMetricAsync(new() { ContainerGroupId = "eci-1", Period = 60, StartTime = Clock.GetUtcNow().AddMinutes(-5) }, Ct);

        var call = OnlyCall("DescribeContainerGroupMetric");
        Assert.Equal(("60", "2025-06-01T11:55:00Z"), (call["Period"], call["StartTime"]));
        MetricRecord record = Assert.Single(metric.Records);
        Assert.Equal((2000L, 1024L, 10L, 3L, 7L), (record.Cpu!.Limit, record.Memory!.WorkingSet, record.Network!.Interfaces[0].RxBytes, record.Disk[0].ReadIo, record.Containers[0].Cpu!.UsageNanoCores));
    }

    [Fact]
    public async Task DescribeMultiContainerGroupMetricAsync_MonitorDatas_ReadsLowerIo()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","MonitorDatas":[{"ContainerGroupId":"eci-1","Records":[{"Disk":[{"Device":"vda","ReadIo":4,"WriteIo":5}]}]}]}"""));

        var metrics = await Sut.DescribeMultiContainerGroupMetricAsync(new() { ContainerGroupIds = ["eci-1", "eci-2"], MetricType = "summary" }, Ct);

        var call = OnlyCall("DescribeMultiContainerGroupMetric");
        Assert.Equal("""["eci-1","eci-2"]""", call["ContainerGroupIds"]);
        Assert.Equal((4L, 5L), (metrics.MonitorDatas[0].Records[0].Disk[0].ReadIo, metrics.MonitorDatas[0].Records[0].Disk[0].WriteIo));
    }

    [Fact]
    public async Task DescribeRegionsAsync_Regions_ReadsZones()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","Regions":[{"RegionId":"cn-hangzhou","RegionEndpoint":"eci.aliyuncs.com","Zones":["cn-hangzhou-h","cn-hangzhou-i"],"RecommendZones":["cn-hangzhou-h"],"UnavailableZones":[]}]}"""));

        var regions = await Sut.DescribeRegionsAsync(cancellationToken: Ct);

        OnlyCall("DescribeRegions");
        Assert.Equal(["cn-hangzhou-h", "cn-hangzhou-i"], Assert.Single(regions.Regions).Zones);
    }

    [Fact]
    public async Task DescribeAvailableResourceAsync_XmlHeritageWrappers_Unwraps()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","AvailableZones":{"AvailableZone":[{"RegionId":"cn-hangzhou","ZoneId":"cn-hangzhou-h","AvailableResources":{"AvailableResource":[{"Type":"InstanceType","SupportedResources":{"SupportedResource":[{"Value":"ecs.c5.large","StatusCategory":"WithStock"}]}}]}}]}}"""));

        var stock = await Sut.DescribeAvailableResourceAsync(new() { DestinationResource = new() { Category = "InstanceType", Value = "ecs.c5.large" } }, Ct);

        var call = OnlyCall("DescribeAvailableResource");
        Assert.Equal("InstanceType", call["DestinationResource.Category"]);
        var supported = Assert.Single(Assert.Single(Assert.Single(stock.Zones).AvailableResources!.AvailableResource).SupportedResources!.SupportedResource);
        Assert.Equal(("ecs.c5.large", "WithStock"), (supported.Value, supported.StatusCategory));
    }

    [Fact]
    public async Task InvokeAsync_AnyAction_SignsAndReturnsJson()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","Attributes":{"UsedCpu":11,"MaxCpu":1000}}"""));

        var answer = await Sut.InvokeAsync("ListUsage", [new("RegionId", "cn-shanghai")], Ct);

        var call = OnlyCall("ListUsage");
        Assert.Equal("cn-shanghai", call["RegionId"]);
        Assert.Equal(1000, answer.GetProperty("Attributes").GetProperty("MaxCpu").GetInt32());
    }
}
