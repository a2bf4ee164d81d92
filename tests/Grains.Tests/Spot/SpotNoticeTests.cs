using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;
using OrleansEci.Grains.Pods.Lifecycle;
using OrleansEci.Grains.Pods.Status;

namespace OrleansEci.Grains.Tests.Spot;

/// <summary>Reading ECI's spot notice (event or condition), well-formed and not, and the pod status it leads to.</summary>
public sealed class SpotNoticeTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_SpotToBeReleasedEvent_ReadsTheLeadFromTheMessage()
    {
        SpotNotice notice = SpotNotice.From([Event("SpotToBeReleased", "Spot ECI will be released in 5 minutes", Now.AddSeconds(-30))])
            ?? throw new InvalidOperationException("Expected a notice from a SpotToBeReleased event");
        Assert.Equal(TimeSpan.FromMinutes(5), notice.Lead);
        Assert.Equal(Now.AddSeconds(-30) + TimeSpan.FromMinutes(5), notice.ReleaseAt(Now, TimeSpan.FromMinutes(3)));
    }

    [Theory]
    [InlineData("Spot ECI will be released soon")]
    [InlineData("Spot ECI will be released in many minutes")]
    [InlineData("Spot ECI will be released in 9999 minutes")]
    [InlineData("")]
    public void From_MessageWithoutAUsableLead_AssumesTheConfiguredNotice(string message)
    {
        SpotNotice notice = SpotNotice.From([Event("SpotToBeReleased", message, Now)])
            ?? throw new InvalidOperationException($"Expected a notice from a SpotToBeReleased event with message '{message}'");
        Assert.Null(notice.Lead);
        Assert.Equal(Now + TimeSpan.FromMinutes(3), notice.ReleaseAt(Now, TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void From_NoticeTimeInTheFuture_CountsFromNow()
    {
        SpotNotice notice = SpotNotice.From([Event("SpotToBeReleased", "Spot ECI will be released in 3 minutes", Now.AddHours(2))])!;
        Assert.Equal(Now + TimeSpan.FromMinutes(3), notice.ReleaseAt(Now, TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void From_OtherEventsNullsAndNoTimes_IsNullOrUsesNow()
    {
        Assert.Null(SpotNotice.From([Event("NoStock", "out of stock", Now), null!]));
        Assert.Null(SpotNotice.From((IEnumerable<EciEvent>?)null));
        Assert.Null(SpotNotice.From((IEnumerable<ContainerGroupEvent>?)null));
        SpotNotice untimed = SpotNotice.From([new EciEvent { Reason = "SpotToBeReleased" }])!;
        Assert.Equal(("SpotToBeReleased", null), (untimed.Message, untimed.At));
        Assert.Equal(Now + TimeSpan.FromMinutes(3), untimed.ReleaseAt(Now, TimeSpan.FromMinutes(3)));
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("maybe", false)]
    public void From_ContainerInstanceExpiredCondition_OnlyWhenTrue(string status, bool expected)
    {
        var group = new ContainerGroupStatus
        {
            PodStatus = new PodStatusInfo
            {
                Conditions = [new PodConditionInfo { Type = "ContainerInstanceExpired", Status = status, Message = "Spot ECI will be released in 3 minutes" }],
            },
        };
        Assert.Equal(expected, SpotNotice.From(group) is not null);
    }

    [Fact]
    public void WithSpotNotice_RunningPod_AddsDisruptionTargetOnce_AndLeavesTerminalPodsAlone()
    {
        var running = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] };
        V1PodStatus marked = PodStatusMapper.WithSpotNotice(PodStatusMapper.WithSpotNotice(running, "released at 08:03", Now.UtcDateTime), "again", Now.UtcDateTime);
        V1PodCondition disruption = Assert.Single(marked.Conditions, c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "TerminationByKubelet", "released at 08:03"), (disruption.Status, disruption.Reason, disruption.Message));
        Assert.Single(marked.Conditions, c => c.Type == "ContainerInstanceExpired");

        var failed = new V1PodStatus { Phase = "Failed", Conditions = [] };
        Assert.Empty(PodStatusMapper.WithSpotNotice(failed, "late", Now.UtcDateTime).Conditions);
    }

    [Fact]
    public void CarryRestarts_FreshGroupWaiting_ShowsARestartOfARunningPod()
    {
        var status = new V1PodStatus
        {
            Phase = "Pending",
            ContainerStatuses = [new V1ContainerStatus { Name = "main", RestartCount = 0, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } } }],
        };
        V1PodStatus carried = PodStatusMapper.CarryRestarts(status, new Dictionary<string, int> { ["main"] = 2, ["gone"] = 5 }, Now.UtcDateTime);
        V1ContainerStatus main = Assert.Single(carried.ContainerStatuses);
        Assert.Equal((2, "BidFailed", 137), (main.RestartCount, main.LastState.Terminated.Reason, main.LastState.Terminated.ExitCode));
        Assert.Equal("Running", carried.Phase);
        Assert.Same(status, PodStatusMapper.CarryRestarts(status, null, null));
    }

    [Fact]
    public void Options_NegativeLeadOrZeroRetryInterval_AreRejectedWithTheDefaults()
    {
        var negative = new PodLifecycleOptions { SpotEvictionLead = TimeSpan.FromSeconds(-1) };
        Assert.Contains("SpotEvictionLead", Assert.Throws<InvalidOperationException>(negative.Validate).Message, StringComparison.Ordinal);
        var zero = new PodLifecycleOptions { SpotEvictionRetryInterval = TimeSpan.Zero };
        Assert.Contains("defaults 3 min, 5 s, 3 min", Assert.Throws<InvalidOperationException>(zero.Validate).Message, StringComparison.Ordinal);
        new PodLifecycleOptions { SpotEvictionLead = TimeSpan.Zero, RecreateBareSpotPods = true }.Validate();
    }

    private static EciEvent Event(string reason, string message, DateTimeOffset at) =>
        new() { Type = "Warning", Reason = reason, Message = message, FirstTimestamp = at, LastTimestamp = at };
}
