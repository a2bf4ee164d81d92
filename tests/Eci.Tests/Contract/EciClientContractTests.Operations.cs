using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Exec;
using OrleansEci.Eci.Logs;
using OrleansEci.Eci.Metrics;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>Working with a running group: logs, exec, metrics, update, restart, delete.</summary>
public sealed partial class EciClientContractTests
{
    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DescribeContainerLog_EchoingContainer_ReturnsItsLinesWithTailAndTimestamps(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string id = await CreateAsync(target, ContractRequests.Simple(target, "contract-logs", "echo contract-line-1; echo contract-line-2; sleep 3600"));
        await WaitForStatusAsync(target, id, "Running");
        DescribeContainerLogRequest request = new() { ContainerGroupId = id, ContainerName = ContractRequests.AppContainer };

        DescribeContainerLogResponse log = await target.EventuallyAsync($"both lines in {id}'s log",
            ct => target.Client.DescribeContainerLogAsync(request, ct), r => r.Content?.Contains("contract-line-2", StringComparison.Ordinal) == true, Ct);
        DescribeContainerLogResponse tail = await target.Client.DescribeContainerLogAsync(request with { Tail = 1 }, Ct);
        DescribeContainerLogResponse stamped = await target.Client.DescribeContainerLogAsync(request with { Timestamps = true }, Ct);

        Assert.True(log.ContainerName == ContractRequests.AppContainer && Lines(log.Content).SequenceEqual(["contract-line-1", "contract-line-2"]),
            $"Expected the log of {ContractRequests.AppContainer} to be the two echoed lines, got '{log.Content}'");
        Assert.True(Lines(tail.Content).SequenceEqual(["contract-line-2"]), $"Expected Tail=1 to return only the last line, got '{tail.Content}'");
        string[] stampedLines = Lines(stamped.Content);
        Assert.True(stampedLines.Length == 2 && stampedLines.All(l => DateTimeOffset.TryParse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out _)),
            $"Expected Timestamps=true to start each line with its time, got '{stamped.Content}'");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ExecContainerCommand_RunningContainer_GivesWebSocketUriAndSyncOutput(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string id = await CreateAsync(target, ContractRequests.Simple(target, "contract-exec"));
        await WaitForStatusAsync(target, id, "Running");
        ExecContainerCommandRequest request = new() { ContainerGroupId = id, ContainerName = ContractRequests.AppContainer, Command = ["/bin/sh", "-c", "echo contract-exec"] };

        ExecContainerCommandResponse session = await target.Client.ExecContainerCommandAsync(request, Ct);
        ExecContainerCommandResponse sync = await target.Client.ExecContainerCommandAsync(request with { Sync = true, Stdin = false }, Ct);

        Assert.True(Uri.TryCreate(session.WebSocketUri, UriKind.Absolute, out Uri? uri) && uri.Scheme is "ws" or "wss",
            $"Expected an absolute ws:// or wss:// WebSocketUri, got '{session.WebSocketUri}'");
        Assert.True(sync.SyncResponse?.Contains("contract-exec", StringComparison.Ordinal) == true, $"Expected Sync=true to return the command's output, got '{sync.SyncResponse}'");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DescribeContainerGroupMetric_RunningGroup_ReturnsCpuAndMemoryRecords(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string id = await CreateAsync(target, ContractRequests.Simple(target, "contract-metrics"));
        await WaitForStatusAsync(target, id, "Running");

        DescribeContainerGroupMetricResponse one = await target.EventuallyAsync($"metric records of {id}",
            ct => target.Client.DescribeContainerGroupMetricAsync(new DescribeContainerGroupMetricRequest { ContainerGroupId = id }, ct), r => r.Records.Count > 0, Ct);
        DescribeMultiContainerGroupMetricResponse many = await target.EventuallyAsync($"multi-group metric records of {id}",
            ct => target.Client.DescribeMultiContainerGroupMetricAsync(new DescribeMultiContainerGroupMetricRequest { ContainerGroupIds = [id] }, ct),
            r => r.MonitorDatas.Any(m => m.ContainerGroupId == id && m.Records.Count > 0), Ct);

        Assert.True(one.ContainerGroupId == id && one.Records.All(r => r is { Timestamp: not null, Cpu: not null, Memory: not null }),
            $"Expected every record of {id} to carry a timestamp, CPU and memory, got {one.Records.Count} records: {string.Join("; ", one.Records)}");
        Assert.True(one.Records.Select(r => r.Timestamp).SequenceEqual(one.Records.Select(r => r.Timestamp).Order()), "Expected metric records in time order");
        Assert.True(many.MonitorDatas.Single(m => m.ContainerGroupId == id).Records.All(r => r.Timestamp is not null), $"Expected {id}'s multi-group records to carry timestamps");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task UpdateContainerGroup_NewArgsAndTag_GroupRunsTheNewSpec(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        CreateContainerGroupRequest created = ContractRequests.Simple(target, "contract-update", "echo version-1; sleep 3600");
        string id = await CreateAsync(target, created);
        await WaitForStatusAsync(target, id, "Running");
        Tag version = new("version", "2");

        await target.Client.UpdateContainerGroupAsync(new UpdateContainerGroupRequest
        {
            ContainerGroupId = id,
            Tags = [target.RunTag, version],
            Containers = [created.Containers[0] with { Args = ["echo version-2; sleep 3600"] }],
        }, Ct);

        ContainerGroup updated = await target.EventuallyAsync($"{id} Running the updated spec", _ => DescribeAsync(target, id),
            g => g is { Status: "Running" } && g.Containers.Single().Args.SequenceEqual(["echo version-2; sleep 3600"]), Ct) ?? throw new InvalidOperationException("unreachable");
        DescribeContainerLogResponse log = await target.EventuallyAsync($"{id}'s log from the new spec",
            ct => target.Client.DescribeContainerLogAsync(new DescribeContainerLogRequest { ContainerGroupId = id, ContainerName = ContractRequests.AppContainer }, ct),
            r => r.Content?.Contains("version-2", StringComparison.Ordinal) == true, Ct);

        Assert.True(updated.Tags.Contains(version) && updated.Tags.Contains(target.RunTag), $"Expected the update's tags on {id}, got {string.Join(", ", updated.Tags)}");
        Assert.Contains("version-2", log.Content, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task RestartContainerGroup_RunningGroup_StartsItsContainerAgain(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string id = await CreateAsync(target, ContractRequests.Simple(target, "contract-restart"));
        DateTimeOffset firstStart = (await WaitForStatusAsync(target, id, "Running")).Containers.Single().CurrentState?.StartTime
            ?? throw new InvalidOperationException($"Expected a running container of {id} to report its StartTime");
        await target.LetTimePassAsync(TimeSpan.FromSeconds(5), Ct);

        await target.Client.RestartContainerGroupAsync(new RestartContainerGroupRequest { ContainerGroupId = id }, Ct);

        ContainerGroup restarted = await target.EventuallyAsync($"{id} Running again after the restart", _ => DescribeAsync(target, id),
            g => g is { Status: "Running" } && g.Containers.Single().CurrentState?.StartTime > firstStart, Ct) ?? throw new InvalidOperationException("unreachable");
        Assert.True(restarted.ContainerGroupId == id, $"Expected the restarted group to keep its id {id}, got {restarted.ContainerGroupId}");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DeleteContainerGroup_RunningGroup_DisappearsFromDescribeAndStatus(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string id = await CreateAsync(target, ContractRequests.Simple(target, "contract-delete"));
        await WaitForStatusAsync(target, id, "Running");

        EciResponse deleted = await target.Client.DeleteContainerGroupAsync(new DeleteContainerGroupRequest { ContainerGroupId = id }, Ct);

        await target.EventuallyAsync($"{id} gone from DescribeContainerGroups", _ => DescribeAsync(target, id), g => g is null, Ct);
        Assert.True(!string.IsNullOrEmpty(deleted.RequestId), "Expected the delete to answer a RequestId");
        Assert.True((await StatusesAsync(target, new() { ContainerGroupIds = [id] })).Count == 0, $"Expected {id} gone from DescribeContainerGroupStatus too");
    }

    private static string[] Lines(string? content) =>
        (content ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
