using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Rescheduling;

/// <summary>
/// Container groups that ECI accepts and then cannot schedule (ScheduleFailed), or that vanish: with
/// <c>eci-reschedule-enable</c> the pod gets a fresh group (a new token, the old group deleted, never two live groups) and
/// shows the count; without it the pod follows <c>pod-fail-on-create-err</c>: Failed, or Pending with the reason once
/// the attempts are spent.
/// </summary>
public sealed class ScheduleFailedTests
{
    private const string RescheduleEnable = "k8s.aliyun.com/eci-reschedule-enable";
    private const string FailOnCreateErr = "k8s.aliyun.com/pod-fail-on-create-err";

    [Fact]
    public async Task ScheduleFailed_RescheduleEnabled_FreshGroupRunsAndTheCountShowsOnThePod()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.AddFaultAsync(new { kind = "schedule-failure", action = "CreateContainerGroup", count = 1 });
        V1Pod created = await fx.CreatePodAsync(Annotated("resched", RescheduleEnable, "true"));

        V1Pod running = (await fx.EventuallyAsync("pod default/resched Running on its second group", () => fx.ReadPodAsync("resched"),
            p => p?.Status?.Phase == "Running", TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1)))!;
        PodGrainState state = await fx.Grains.GetGrain<IPodGrain>("default/resched").GetState();
        Assert.Equal(1, state.Reschedules);
        V1PodCondition rescheduled = running.Status.Conditions.SingleOrDefault(c => c.Type == "ContainerInstanceRescheduled")
            ?? throw new InvalidOperationException($"Expected pod default/resched to carry ContainerInstanceRescheduled; conditions: {string.Join(", ", running.Status.Conditions.Select(c => c.Type))}");
        Assert.Contains("1 time(s)", rescheduled.Message, StringComparison.Ordinal);
        Assert.Contains(await fx.EventsAsync("resched"), e => e.Reason == "Rescheduling" && e.Message.Contains("reschedule 1", StringComparison.Ordinal));

        await AssertOneGroupAsync(fx, created, state.ContainerGroupId!);
        Assert.Equal(2, (await fx.CallsAsync("CreateContainerGroup")).Succeeded);
    }

    [Fact]
    public async Task ScheduleFailed_NoAnnotation_RetriedUpToTheAttemptsThenPendingWithTheReason()
    {
        await using var fx = await RuntimeFixture.StartAsync(s => s["Pods:MaxCreateAttempts"] = "2");
        await fx.AddFaultAsync(new { kind = "schedule-failure", action = "CreateContainerGroup" });
        V1Pod created = await fx.CreatePodAsync(RuntimeFixture.Pod("pending", RuntimeFixture.NodeH));

        await fx.EventuallyAsync("two creates for pod default/pending", () => fx.CallsAsync("CreateContainerGroup"), c => c.Succeeded >= 2, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        await fx.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10));
        V1Pod pod = (await fx.ReadPodAsync("pending"))!;
        Assert.True(pod.Status.Phase == "Pending" && !string.IsNullOrEmpty(pod.Status.Reason),
            $"Expected pod default/pending Pending with ECI's reason after its attempts; saw {pod.Status.Phase} {pod.Status.Reason}");
        Assert.Equal(2, (await fx.CallsAsync("CreateContainerGroup")).Succeeded);
        Assert.DoesNotContain(pod.Status.Conditions ?? [], c => c.Type == "ContainerInstanceRescheduled");
        Assert.Equal(0, (await fx.Grains.GetGrain<IPodGrain>("default/pending").GetState()).Reschedules);
        Assert.DoesNotContain((await fx.GroupsAsync()).Values, g => OfPod(g, created) && g.Status != "ScheduleFailed");
    }

    [Fact]
    public async Task ScheduleFailed_FailOnCreateErr_FailedOnceTheAttemptsAreSpent()
    {
        await using var fx = await RuntimeFixture.StartAsync(s => s["Pods:MaxCreateAttempts"] = "2");
        await fx.AddFaultAsync(new { kind = "schedule-failure", action = "CreateContainerGroup" });
        await fx.CreatePodAsync(Annotated("failfast", FailOnCreateErr, "true"));

        V1Pod failed = (await fx.EventuallyAsync("pod default/failfast Failed", () => fx.ReadPodAsync("failfast"), p => p?.Status?.Phase == "Failed",
            TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1)))!;
        Assert.False(string.IsNullOrEmpty(failed.Status.Reason), "Expected pod default/failfast Failed with ECI's reason");
        Assert.Equal(2, (await fx.CallsAsync("CreateContainerGroup")).Succeeded);
    }

    [Fact]
    public async Task GroupLost_RescheduleEnabled_PodRunsOnAFreshGroup()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        V1Pod created = await fx.CreatePodAsync(Annotated("lost", RescheduleEnable, "true"));
        await fx.EventuallyAsync("pod default/lost Running", () => fx.ReadPodAsync("lost"), p => p?.Status?.Phase == "Running");
        IPodGrain grain = fx.Grains.GetGrain<IPodGrain>("default/lost");
        string first = (await grain.GetState()).ContainerGroupId!;

        // Someone deletes the group behind the runtime's back (the console, another tool).
        await fx.EciClient.DeleteContainerGroupAsync(new DeleteContainerGroupRequest { ContainerGroupId = first, Force = true }, TestContext.Current.CancellationToken);
        PodGrainState state = await fx.EventuallyAsync("pod default/lost on a fresh group", () => grain.GetState(),
            s => s.ContainerGroupId is { } id && id != first && s.Reschedules == 1, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        await fx.EventuallyAsync("pod default/lost Running again", () => fx.ReadPodAsync("lost"), p => p?.Status?.Phase == "Running");
        await AssertOneGroupAsync(fx, created, state.ContainerGroupId!);
    }

    private static V1Pod Annotated(string name, string annotation, string value) =>
        RuntimeFixture.Pod(name, RuntimeFixture.NodeH, configure: p => p.Metadata.Annotations = new Dictionary<string, string> { [annotation] = value });

    private static bool OfPod(ContainerGroup g, V1Pod pod) => g.Tags.Any(t => t.Key == ContainerGroupTags.Uid && t.Value == pod.Metadata.Uid);

    private static async Task AssertOneGroupAsync(RuntimeFixture fx, V1Pod pod, string expected)
    {
        List<ContainerGroup> groups = [.. (await fx.GroupsAsync()).Values.Where(g => OfPod(g, pod))];
        Assert.True(groups.Count == 1 && groups[0].ContainerGroupId == expected,
            $"Expected only group {expected} for pod {pod.Metadata.Name}; ECI has {string.Join(", ", groups.Select(g => $"{g.ContainerGroupId} {g.Status}"))}");
    }
}
