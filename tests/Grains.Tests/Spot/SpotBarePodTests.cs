using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Spot;

/// <summary>
/// Spot reclaim of bare pods (no owner controller): Failed with reason BidFailed as on ACK, or, when the operator
/// enables it for restartPolicy Always pods, the pod runs again on a fresh group and Kubernetes sees a container restart.
/// </summary>
public sealed class SpotBarePodTests
{
    [Fact]
    public async Task Reclaim_RecreateOn_BarePodRunsAgainOnAFreshGroupAsAContainerRestart()
    {
        await using var fx = await RuntimeFixture.StartAsync(s => s["Pods:RecreateBareSpotPods"] = "true");
        V1Pod created = await fx.CreatePodAsync(SpotPod("bare"));
        await fx.EventuallyAsync("pod default/bare Running", () => fx.ReadPodAsync("bare"), SpotWorkloads.Running);
        IPodGrain grain = fx.Grains.GetGrain<IPodGrain>("default/bare");
        string first = (await grain.GetState()).ContainerGroupId!;

        await SpotWorkloads.ReclaimAsync(fx, first);
        await SpotWorkloads.NoticedAsync(fx, "bare");
        V1Pod again = (await fx.EventuallyAsync("pod default/bare Running on a second group with restartCount 1", () => fx.ReadPodAsync("bare"),
            p => SpotWorkloads.Running(p) && p!.Status.ContainerStatuses?.Single().RestartCount == 1, TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(2)))!;

        PodGrainState state = await grain.GetState();
        Assert.NotEqual(first, state.ContainerGroupId);
        Assert.Equal(created.Metadata.Uid, again.Metadata.Uid);
        V1ContainerStateTerminated last = again.Status.ContainerStatuses.Single().LastState?.Terminated
            ?? throw new InvalidOperationException($"Expected pod default/bare to show its run on the released instance as lastState; saw {SpotWorkloads.Json(again.Status.ContainerStatuses)}");
        Assert.Equal(("BidFailed", 137), (last.Reason, last.ExitCode));
        Assert.DoesNotContain(again.Status.Conditions, c => c.Type == "DisruptionTarget");
        Assert.Contains(await fx.EventsAsync("bare"), e => e.Reason == "SpotRecreating");

        List<ContainerGroup> groups = [.. (await fx.GroupsAsync()).Values.Where(g => g.Tags.Any(t => t.Key == ContainerGroupTags.Uid && t.Value == created.Metadata.Uid))];
        Assert.True(groups.Count == 1 && groups[0].ContainerGroupId == state.ContainerGroupId,
            $"Expected only the new group {state.ContainerGroupId} for pod default/bare; ECI has {string.Join(", ", groups.Select(g => $"{g.ContainerGroupId} {g.Status}"))}");
    }

    [Fact]
    public async Task Reclaim_RecreateOff_BarePodIsFailedBidFailedWithDisruptionTarget()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(SpotPod("once"));
        await fx.EventuallyAsync("pod default/once Running", () => fx.ReadPodAsync("once"), SpotWorkloads.Running);
        string group = (await fx.Grains.GetGrain<IPodGrain>("default/once").GetState()).ContainerGroupId!;

        await SpotWorkloads.ReclaimAsync(fx, group);
        V1Pod warned = (await fx.EventuallyAsync("DisruptionTarget on the Running pod default/once", () => fx.ReadPodAsync("once"),
            p => p?.Status?.Phase == "Running" && p.Status.Conditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True") == true, step: TimeSpan.FromSeconds(1)))!;
        Assert.Contains(warned.Status.Conditions, c => c.Type == "ContainerInstanceExpired" && c.Status == "True" && c.Reason == "SpotToBeReleased");

        V1Pod failed = (await fx.EventuallyAsync("pod default/once Failed after the release", () => fx.ReadPodAsync("once"),
            p => p?.Status?.Phase == "Failed", TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(2)))!;
        Assert.Equal("BidFailed", failed.Status.Reason);
        Assert.Contains(failed.Status.Conditions, c => c.Type == "DisruptionTarget" && c.Status == "True");
        Assert.Equal(group, (await fx.Grains.GetGrain<IPodGrain>("default/once").GetState()).ContainerGroupId);
        Assert.Equal(1, (await fx.CallsAsync("CreateContainerGroup")).Succeeded);
    }

    private static V1Pod SpotPod(string name) => RuntimeFixture.Pod(name, RuntimeFixture.NodeH, configure: p =>
        p.Metadata.Annotations = new Dictionary<string, string> { [SpotWorkloads.SpotStrategy] = "SpotAsPriceGo" });
}
