using System.Net;
using System.Text.Json;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Groups;

/// <summary>The documented lifecycle, driven by fake time (default timings: Scheduling 2 s, Pending 3 s).</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan ToRunning = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Create_AsTimePasses_GoesSchedulingPendingRunningWithIpFromVSwitch()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-emu-i" });
        Assert.Equal("Scheduling", await eci.StatusAsync(id));
        eci.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("Pending", await eci.StatusAsync(id));
        eci.Advance(TimeSpan.FromSeconds(3));
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Running", g.GetProperty("Status").GetString());
        Assert.Equal("cn-hangzhou-i", g.GetProperty("ZoneId").GetString());
        Assert.True(IPNetwork.Parse("192.168.64.0/18").Contains(IPAddress.Parse(g.GetProperty("IntranetIp").GetString()!)), $"IP outside vsw-emu-i: {g}");
        JsonElement state = g.GetProperty("Containers")[0].GetProperty("CurrentState");
        Assert.Equal("Running", state.GetProperty("State").GetString());
        Assert.Equal("2026-01-01T00:00:05Z", state.GetProperty("StartTime").GetString());
    }

    [Fact]
    public async Task Create_ScriptExitsZeroWithRestartNever_Succeeds()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("job", "echo start; sleep 10; exit 0", new Dictionary<string, string> { ["RestartPolicy"] = "Never" });
        eci.Advance(ToRunning + TimeSpan.FromSeconds(9));
        Assert.Equal("Running", await eci.StatusAsync(id));
        eci.Advance(TimeSpan.FromSeconds(1));
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Succeeded", g.GetProperty("Status").GetString());
        Assert.Equal("2026-01-01T00:00:15Z", g.GetProperty("SucceededTime").GetString());
        JsonElement state = g.GetProperty("Containers")[0].GetProperty("CurrentState");
        Assert.Equal("Terminated", state.GetProperty("State").GetString());
        Assert.Equal(0, state.GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task Create_ScriptExitsThreeWithRestartNever_FailsWithExitCode()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("job", "sleep 1; exit 3", new Dictionary<string, string> { ["RestartPolicy"] = "Never" });
        eci.Advance(ToRunning + TimeSpan.FromSeconds(1));
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Failed", g.GetProperty("Status").GetString());
        Assert.Equal(3, g.GetProperty("Containers")[0].GetProperty("CurrentState").GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task Create_FailingScriptWithOnFailure_RestartsAfterBackoffKeepingPreviousState()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("flaky", "sleep 1; exit 2", new Dictionary<string, string> { ["RestartPolicy"] = "OnFailure" });
        eci.Advance(ToRunning + TimeSpan.FromSeconds(1));
        JsonElement c = (await eci.DescribeAsync(id)).GetProperty("Containers")[0];
        Assert.Equal("Waiting", c.GetProperty("CurrentState").GetProperty("State").GetString());
        Assert.Equal("CrashLoopBackOff", c.GetProperty("CurrentState").GetProperty("Reason").GetString());
        Assert.Equal(2, c.GetProperty("PreviousState").GetProperty("ExitCode").GetInt32());
        eci.Advance(TimeSpan.FromSeconds(10));
        c = (await eci.DescribeAsync(id)).GetProperty("Containers")[0];
        Assert.Equal("Running", c.GetProperty("CurrentState").GetProperty("State").GetString());
        Assert.Equal(1, c.GetProperty("RestartCount").GetInt32());
    }

    [Fact]
    public async Task Restart_RunningGroup_PassesThroughRestartingAndCountsRestart()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(ToRunning);
        (await eci.Client.CallAsync("RestartContainerGroup", new Dictionary<string, string> { ["ContainerGroupId"] = id })).EnsureOk();
        Assert.Equal("Restarting", await eci.StatusAsync(id));
        eci.Advance(ToRunning);
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Running", g.GetProperty("Status").GetString());
        Assert.Equal(1, g.GetProperty("Containers")[0].GetProperty("RestartCount").GetInt32());
    }

    [Fact]
    public async Task Restart_SchedulingGroup_AnswersIncorrectStatus()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        (await eci.Client.CallAsync("RestartContainerGroup", new Dictionary<string, string> { ["ContainerGroupId"] = id })).AssertError(400, "IncorrectStatus");
    }

    [Fact]
    public async Task Update_NewImage_PassesThroughUpdatingAndRunsNewImage()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(ToRunning);
        (await eci.Client.CallAsync("UpdateContainerGroup", new Dictionary<string, string>
        {
            ["ContainerGroupId"] = id, ["Container.1.Name"] = "app", ["Container.1.Image"] = "nginx:1.27",
        })).EnsureOk();
        Assert.Equal("Updating", await eci.StatusAsync(id));
        eci.Advance(ToRunning);
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Running", g.GetProperty("Status").GetString());
        Assert.Equal("nginx:1.27", g.GetProperty("Containers")[0].GetProperty("Image").GetString());
    }

    [Fact]
    public async Task Delete_RunningGroupWithPreStop_TerminatesThenDisappears()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["Container.1.LifecyclePreStopHandlerExec.1"] = "/bin/true" });
        eci.Advance(ToRunning);
        (await eci.Client.CallAsync("DeleteContainerGroup", new Dictionary<string, string> { ["ContainerGroupId"] = id })).EnsureOk();
        Assert.Equal("Terminating", await eci.StatusAsync(id));
        eci.Advance(TimeSpan.FromSeconds(5));
        EciResponse list = await eci.Client.CallAsync("DescribeContainerGroups", new Dictionary<string, string> { ["ContainerGroupIds"] = $"[\"{id}\"]" });
        Assert.Equal(0, list.EnsureOk()["ContainerGroups"].GetArrayLength());
        (await eci.Client.CallAsync("DeleteContainerGroup", new Dictionary<string, string> { ["ContainerGroupId"] = id })).AssertError(404, "InvalidParameter.NotFound");
    }

    [Fact]
    public async Task ActiveDeadline_Exceeded_FailsGroup()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["ActiveDeadlineSeconds"] = "60" });
        eci.Advance(TimeSpan.FromSeconds(60));
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Failed", g.GetProperty("Status").GetString());
        Assert.Contains(g.GetProperty("Events").EnumerateArray(), e => e.GetProperty("Reason").GetString() == "DeadlineExceeded");
    }

    [Fact]
    public async Task DescribeStatus_SinceSecond_ListsOnlyRecentlyChangedGroups()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string old = await eci.CreateAsync("old");
        eci.Advance(TimeSpan.FromMinutes(10));
        string fresh = await eci.CreateAsync("fresh");
        EciResponse r = (await eci.Client.CallAsync("DescribeContainerGroupStatus", new Dictionary<string, string> { ["SinceSecond"] = "60" })).EnsureOk();
        string[] ids = [.. r["Data"].EnumerateArray().Select(d => d.GetProperty("ContainerGroupId").GetString()!)];
        Assert.True(ids.SequenceEqual([fresh]), $"Expected only {fresh} (not {old}), got {r.Body}");
        Assert.Equal("Pending", r["Data"][0].GetProperty("PodStatus").GetProperty("Phase").GetString());
    }

    [Fact]
    public async Task Create_WithInitContainer_AppWaitsPodInitializingUntilInitExitsZero()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web", extra: new Dictionary<string, string>
        {
            ["InitContainer.1.Name"] = "migrate",
            ["InitContainer.1.Image"] = "busybox",
            ["InitContainer.1.Command.1"] = "sh",
            ["InitContainer.1.Command.2"] = "-c",
            ["InitContainer.1.Command.3"] = "echo migrating; sleep 3",
        });
        eci.Advance(ToRunning + TimeSpan.FromSeconds(2));
        JsonElement g = await eci.DescribeAsync(id);
        Assert.Equal("Pending", g.GetProperty("Status").GetString());
        Assert.Equal("PodInitializing", g.GetProperty("Containers")[0].GetProperty("CurrentState").GetProperty("Reason").GetString());
        Assert.Equal("Running", g.GetProperty("InitContainers")[0].GetProperty("CurrentState").GetProperty("State").GetString());
        eci.Advance(TimeSpan.FromSeconds(1));
        g = await eci.DescribeAsync(id);
        Assert.Equal("Running", g.GetProperty("Status").GetString());
        Assert.Equal(0, g.GetProperty("InitContainers")[0].GetProperty("CurrentState").GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task DescribeStatus_RunningGroup_ReportsPodStatusLikeKubernetes()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(ToRunning);
        EciResponse r = (await eci.Client.CallAsync("DescribeContainerGroupStatus", new Dictionary<string, string> { ["ContainerGroupIds"] = $"[\"{id}\"]" })).EnsureOk();
        JsonElement pod = r["Data"][0].GetProperty("PodStatus");
        Assert.Equal("Running", pod.GetProperty("Phase").GetString());
        Assert.Contains(pod.GetProperty("Conditions").EnumerateArray(), c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
        JsonElement container = pod.GetProperty("ContainerStatuses")[0];
        Assert.True(container.GetProperty("Ready").GetBoolean(), $"Expected the container ready: {container}");
        Assert.Equal("2026-01-01T00:00:05Z", container.GetProperty("State").GetProperty("Running").GetProperty("StartedAtstartedAt").GetString());
    }
}
