using k8s.Models;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Eci;
using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Grains.Pods.Status;

using static OrleansEci.Grains.Tests.Pods.Status.PodStatusMapperStatusTableTests;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>
/// The mapping over the real wire: the local ECI service on 127.0.0.1:0 and a fake clock, the real ECI client, both
/// status calls and both event sources for one group, so field spellings and the two answers' differences are the
/// service's, not a fixture's.
/// </summary>
public sealed class PodStatusMapperLocalEciTests : IAsyncLifetime
{
    private const string KeyId = "LTAI-status";
    private const string KeySecret = "status-secret";
    private const string NodeIp = "10.0.0.10";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private EciEmulatorHost? _eci;
    private EciClient? _client;

    private static readonly PodShape Pod = new(
        "shop",
        "web-7d4f",
        "5b1c9a2e-8f0d-4c4e-9a57-0c3f1e2d4b6a",
        [new ContainerShape("app", "busybox:1.36"), new ContainerShape("sidecar", "busybox:1.36")],
        [new ContainerShape("migrate", "busybox:1.36")],
        "Always",
        new DateTime(2026, 6, 1, 7, 59, 58, DateTimeKind.Utc),
        "Guaranteed");

    public async ValueTask InitializeAsync()
    {
        EciEmulatorOptions options = new() { RandomSeed = 7 };
        options.AccessKeys.Add(new AccessKeyCredential(KeyId, KeySecret));
        _eci = await EciEmulatorHost.StartAsync(options, _clock, cancellationToken: TestContext.Current.CancellationToken);
        _client = new EciClient(_http, new EciClientOptions
        {
            Endpoint = _eci.BaseUri,
            RegionId = _eci.Region.RegionId,
            AccessKeyId = KeyId,
            AccessKeySecret = KeySecret,
            AttemptTimeout = TimeSpan.FromHours(1),
        }, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_eci is not null)
        {
            await _eci.DisposeAsync();
        }
    }

    [Fact]
    public async Task FromStatusAndFromGroup_CrashLoopingSidecar_SameStatusFromBothCalls()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string id = (await _client!.CreateContainerGroupAsync(new CreateContainerGroupRequest
        {
            ContainerGroupName = "web-7d4f",
            VSwitchIds = ["vsw-emu-h"],
            SecurityGroupId = _eci!.Region.SecurityGroups[0].SecurityGroupId,
            Cpu = 0.25,
            Memory = 0.5,
            RestartPolicy = "Always",
            InitContainers = [new InitContainerDefinition { Name = "migrate", Image = "busybox:1.36", Command = ["sh", "-c"], Args = ["echo migrated"] }],
            Containers =
            [
                new ContainerDefinition { Name = "app", Image = "busybox:1.36" },
                new ContainerDefinition { Name = "sidecar", Image = "busybox:1.36", Command = ["sh", "-c"], Args = ["sleep 5; exit 3"] },
            ],
        }, ct)).ContainerGroupId!;

        // Scheduling 2 s, image pull 3 s, migrate exits at once; the sidecar exits 3 at 10 s, backs off 10 s, runs again
        // 20–25 s and is backing off at 30 s.
        _clock.Advance(TimeSpan.FromSeconds(30));
        ContainerGroupStatus polled = (await _client.DescribeContainerGroupStatusAsync(new DescribeContainerGroupStatusRequest { ContainerGroupIds = [id] }, ct)).Data.Single();
        ContainerGroup group = (await _client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = [id], WithEvent = true }, ct)).ContainerGroups.Single();
        V1PodStatus viaStatus = PodStatusMapper.FromStatus(polled, Pod, NodeIp);
        V1PodStatus viaGroup = PodStatusMapper.FromGroup(group, Pod, NodeIp);

        foreach ((string call, V1PodStatus status) in new[] { ("DescribeContainerGroupStatus", viaStatus), ("DescribeContainerGroups", viaGroup) })
        {
            string where = $"pod shop/web-7d4f ({id}) via {call} at +30 s";
            V1ContainerStatus sidecar = EciFixtures.ContainerStatus(status, "sidecar");
            V1ContainerStatus app = EciFixtures.ContainerStatus(status, "app");
            Assert.True(status.Phase == "Running", $"{where}: expected Running, got {status.Phase}.");
            Assert.True(app.State.Running?.StartedAt == new DateTime(2026, 6, 1, 8, 0, 5, DateTimeKind.Utc) && app.Ready,
                $"{where}: expected app running and ready since 08:00:05, got {Describe(app.State)} ready={app.Ready}.");
            Assert.True(sidecar.State.Waiting?.Reason == "CrashLoopBackOff" && sidecar.LastState.Terminated is { ExitCode: 3 } && sidecar.RestartCount == 1,
                $"{where}: expected sidecar in CrashLoopBackOff after exiting 3 with 1 restart, got {Describe(sidecar.State)} last {Describe(sidecar.LastState)} ×{sidecar.RestartCount}.");
            Assert.True(status.PodIP == group.IntranetIp && status.HostIP == NodeIp, $"{where}: expected pod IP {group.IntranetIp} and host IP {NodeIp}, got {status.PodIP}/{status.HostIP}.");
            AssertCondition(status, "Ready", "False", "ContainersNotReady", where);
            AssertCondition(status, "ContainerInstanceCreated", "True", null, where);
            AssertCondition(status, "Initialized", "True", null, where);
            Assert.True(status.InitContainerStatuses.Single() is { Name: "migrate", Ready: true, State.Terminated: { ExitCode: 0, Reason: "Completed" } },
                $"{where}: expected migrate completed.");
        }

        // The poller does not report init containers (so their times and ids are unknown there); everything else must agree.
        viaStatus.InitContainerStatuses = viaGroup.InitContainerStatuses;
        Assert.True(PodStatusMapper.SameStatus(viaStatus, viaGroup), $"pod shop/web-7d4f ({id}): expected both ECI calls to give the same visible status.\n{k8s.KubernetesJson.Serialize(viaStatus)}\n{k8s.KubernetesJson.Serialize(viaGroup)}");
        Assert.True(EciFixtures.ContainerStatus(viaStatus, "sidecar").ContainerID == EciFixtures.ContainerStatus(viaGroup, "sidecar").ContainerID,
            $"pod shop/web-7d4f ({id}): expected the sidecar's container id not to depend on which ECI call answered.");
    }

    [Fact]
    public async Task EventTranslator_BothEciEventSources_SameKeysWithEciReasons()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string id = (await _client!.CreateContainerGroupAsync(new CreateContainerGroupRequest
        {
            ContainerGroupName = "web-7d4f",
            VSwitchIds = ["vsw-emu-h"],
            SecurityGroupId = _eci!.Region.SecurityGroups[0].SecurityGroupId,
            Cpu = 0.25,
            Memory = 0.5,
            RestartPolicy = "Always",
            Containers = [new ContainerDefinition { Name = "app", Image = "busybox:1.36", Command = ["sh", "-c"], Args = ["sleep 5; exit 3"] }],
        }, ct)).ContainerGroupId!;
        _clock.Advance(TimeSpan.FromSeconds(30));
        DateTime now = _clock.GetUtcNow().UtcDateTime;

        ContainerGroupEvents listed = (await _client.DescribeContainerGroupEventsAsync(new DescribeContainerGroupEventsRequest { ContainerGroupIds = [id] }, ct)).Data.Single();
        ContainerGroup group = (await _client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = [id], WithEvent = true }, ct)).ContainerGroups.Single();
        IReadOnlyList<PodEvent> fromEvents = EciEventTranslator.From(listed.Events, now);
        IReadOnlyList<PodEvent> fromGroup = EciEventTranslator.From(group.Events, now);

        string[] reasons = [.. fromEvents.Select(e => e.Reason).Distinct()];
        Assert.True(reasons.Contains("Pulling") && reasons.Contains("Started") && reasons.Contains("BackOff"),
            $"group {id}: expected Pulling, Started and BackOff from the service, got [{string.Join(", ", reasons)}].");
        Assert.True(fromEvents.Select(e => e.Key).Order().SequenceEqual(fromGroup.Select(e => e.Key).Order()),
            $"group {id}: expected the same event keys from DescribeContainerGroupEvents and DescribeContainerGroups.");
        PodEvent backOff = fromEvents.Single(e => e.Reason == "BackOff");
        Assert.True(backOff is { Type: "Warning", Source: "K8sAgent" } && backOff.Count >= 1, $"group {id}: expected BackOff as a Warning from K8sAgent, got {backOff}.");
    }

    [Theory]
    [InlineData("exit 0", "Succeeded", null)]
    [InlineData("exit 2", "Failed", null)]
    public async Task FromStatusAndFromGroup_FinishedGroup_TerminalPhaseWithExitCodes(string sidecarEnd, string phase, string? reason)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string id = (await _client!.CreateContainerGroupAsync(new CreateContainerGroupRequest
        {
            ContainerGroupName = "job-5d2c",
            VSwitchIds = ["vsw-emu-h"],
            SecurityGroupId = _eci!.Region.SecurityGroups[0].SecurityGroupId,
            Cpu = 0.25,
            Memory = 0.5,
            RestartPolicy = "Never",
            Containers =
            [
                new ContainerDefinition { Name = "app", Image = "busybox:1.36", Command = ["sh", "-c"], Args = ["echo done"] },
                new ContainerDefinition { Name = "sidecar", Image = "busybox:1.36", Command = ["sh", "-c"], Args = ["sleep 3; " + sidecarEnd] },
            ],
        }, ct)).ContainerGroupId!;
        PodShape pod = Pod with { Name = "job-5d2c", InitContainers = [], RestartPolicy = "Never" };
        int exit = sidecarEnd == "exit 0" ? 0 : 2;

        _clock.Advance(TimeSpan.FromSeconds(30));
        ContainerGroupStatus polled = (await _client.DescribeContainerGroupStatusAsync(new DescribeContainerGroupStatusRequest { ContainerGroupIds = [id] }, ct)).Data.Single();
        ContainerGroup group = (await _client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = [id] }, ct)).ContainerGroups.Single();
        V1PodStatus viaStatus = PodStatusMapper.FromStatus(polled, pod, NodeIp);
        V1PodStatus viaGroup = PodStatusMapper.FromGroup(group, pod, NodeIp);

        foreach ((string call, V1PodStatus status) in new[] { ("DescribeContainerGroupStatus", viaStatus), ("DescribeContainerGroups", viaGroup) })
        {
            string where = $"pod shop/job-5d2c ({id}, ECI {group.Status}) via {call}";
            Assert.True(status.Phase == phase && status.Reason == reason, $"{where}: expected {phase}/{reason}, got {status.Phase}/{status.Reason}.");
            Assert.True(EciFixtures.ContainerStatus(status, "app").State.Terminated is { ExitCode: 0 }, $"{where}: expected app exited 0.");
            Assert.True(EciFixtures.ContainerStatus(status, "sidecar").State.Terminated?.ExitCode == exit,
                $"{where}: expected sidecar exited {exit}, got {Describe(EciFixtures.ContainerStatus(status, "sidecar").State)}.");
            AssertCondition(status, "Ready", "False", phase == "Succeeded" ? "PodCompleted" : "PodFailed", where);
            Assert.True(PodStatusMapper.IsTerminal(status), $"{where}: expected terminal.");
        }

        Assert.True(PodStatusMapper.SameStatus(viaStatus, viaGroup), $"pod shop/job-5d2c ({id}): expected both ECI calls to give the same visible status.");
    }

    [Fact]
    public async Task FromStatusAndFromGroup_SpotReclaimed_NoticeThenBidFailed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string id = (await _client!.CreateContainerGroupAsync(new CreateContainerGroupRequest
        {
            ContainerGroupName = "web-7d4f",
            VSwitchIds = ["vsw-emu-h"],
            SecurityGroupId = _eci!.Region.SecurityGroups[0].SecurityGroupId,
            Cpu = 0.25,
            Memory = 0.5,
            RestartPolicy = "Always",
            SpotStrategy = "SpotAsPriceGo",
            Containers = [new ContainerDefinition { Name = "app", Image = "busybox:1.36" }, new ContainerDefinition { Name = "sidecar", Image = "busybox:1.36" }],
        }, ct)).ContainerGroupId!;
        PodShape pod = Pod with { InitContainers = [] };
        _clock.Advance(TimeSpan.FromSeconds(30));

        // The service's control API reclaims the instance: SpotToBeReleased now, Expired 3 minutes later (eci-openapi.md §4.2).
        using (HttpResponseMessage reclaimed = await _http.PostAsync(new Uri(_eci.ControlUri, $"groups/{id}/reclaim"), null, ct))
        {
            Assert.True(reclaimed.IsSuccessStatusCode, $"group {id}: the control API refused the reclaim: {(int)reclaimed.StatusCode}.");
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        ContainerGroup warned = (await _client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = [id], WithEvent = true }, ct)).ContainerGroups.Single();
        V1PodStatus noticed = PodStatusMapper.FromGroup(warned, pod, NodeIp);
        AssertCondition(noticed, "ContainerInstanceExpired", "True", "SpotToBeReleased", $"pod shop/web-7d4f ({id}) after the notice");
        Assert.True(noticed.Phase == "Running", $"pod shop/web-7d4f ({id}): still Running during the notice, got {noticed.Phase}.");

        _clock.Advance(TimeSpan.FromMinutes(3));
        ContainerGroupStatus polled = (await _client.DescribeContainerGroupStatusAsync(new DescribeContainerGroupStatusRequest { ContainerGroupIds = [id] }, ct)).Data.Single();
        ContainerGroup expired = (await _client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = [id], WithEvent = true }, ct)).ContainerGroups.Single();
        foreach ((string call, V1PodStatus status) in new[] { ("DescribeContainerGroupStatus", PodStatusMapper.FromStatus(polled, pod, NodeIp)), ("DescribeContainerGroups", PodStatusMapper.FromGroup(expired, pod, NodeIp)) })
        {
            string where = $"pod shop/web-7d4f ({id}, ECI {expired.Status}) via {call}";
            Assert.True(status is { Phase: "Failed", Reason: "BidFailed" }, $"{where}: expected Failed/BidFailed as ACK reports a released spot pod, got {status.Phase}/{status.Reason}.");
            AssertCondition(status, "ContainerInstanceExpired", "True", "SpotToBeReleased", where);
            AssertCondition(status, "DisruptionTarget", "True", "BidFailed", where);
            Assert.True(status.ContainerStatuses.All(c => c.State.Terminated is { ExitCode: 137 }), $"{where}: expected every container terminated with 137.");
        }
    }
}
