using k8s;
using k8s.Models;

using Orleans.Core.Internal;

using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Spot;

/// <summary>
/// Spot reclaim of pods with an owner controller: the pod is evicted through the Eviction API a lead time before ECI
/// releases the instance, so the Deployment's replacement runs before the old instance goes; PodDisruptionBudgets are
/// honoured; the release deadline is persisted and survives the grain's deactivation.
/// </summary>
public sealed class SpotEvictionTests
{
    private static readonly TimeSpan Notice = TimeSpan.FromMinutes(3); // the local ECI service's SpotToBeReleased lead

    [Fact]
    public async Task Reclaim_DeploymentPod_EvictedBeforeRelease_ReplacementRunningBeforeTheOldGroupExpires()
    {
        await using var fx = await SpotWorkloads.StartAsync(s => s["Pods:SpotEvictionLead"] = "00:02:00");
        await fx.Client.AppsV1.CreateNamespacedDeploymentAsync(SpotWorkloads.Deployment("web", 1, preStop: true), "default", cancellationToken: TestContext.Current.CancellationToken);
        V1Pod old = (await fx.EventuallyAsync("one Running pod of deployment web", () => SpotWorkloads.PodsAsync(fx, "web"),
            pods => pods.Count == 1 && SpotWorkloads.Running(pods[0]))).Single();
        string oldGroup = (await fx.Grains.GetGrain<IPodGrain>("default/" + old.Metadata.Name).GetState()).ContainerGroupId!;

        DateTimeOffset reclaimed = fx.Clock.GetUtcNow();
        await SpotWorkloads.ReclaimAsync(fx, oldGroup);
        PodGrainState noticed = await SpotWorkloads.NoticedAsync(fx, old.Metadata.Name);
        DateTimeOffset releaseAt = noticed.SpotReleaseAt!.Value;
        Assert.True((releaseAt - (reclaimed + Notice)).Duration() < TimeSpan.FromSeconds(2),
            $"Expected pod {old.Metadata.Name} to expect the release 3 minutes after the reclaim at {reclaimed:O}; it expects {releaseAt:O}");

        V1Pod marked = (await fx.EventuallyAsync($"DisruptionTarget on pod {old.Metadata.Name}", () => fx.ReadPodAsync(old.Metadata.Name),
            p => p?.Status?.Conditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True") == true, step: TimeSpan.FromSeconds(1)))!;
        V1PodCondition disruption = marked.Status.Conditions.Single(c => c.Type == "DisruptionTarget");
        Assert.Equal("TerminationByKubelet", disruption.Reason);
        Assert.Equal("Running", marked.Status.Phase);

        // The API server's eviction replaces the notice's condition; the grain's status writes while the group terminates
        // keep it: every look at the evicted pod until it is gone shows it.
        List<string> seen = [];
        await fx.EventuallyAsync($"evicted pod {old.Metadata.Name} terminated and removed", async () =>
        {
            V1Pod? p = await fx.ReadPodAsync(old.Metadata.Name);
            if (p?.Metadata.DeletionTimestamp is not null)
            {
                seen.Add(p.Status.Conditions?.FirstOrDefault(c => c.Type == "DisruptionTarget")?.Reason ?? "none");
            }

            return p;
        }, p => p is null, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(250));
        Assert.True(seen.Count > 0 && seen.TrueForAll(r => r == "EvictionByEvictionAPI"),
            $"Expected the evicted pod {old.Metadata.Name} to keep DisruptionTarget EvictionByEvictionAPI until removed; saw [{string.Join(", ", seen)}]");

        // The replacement runs while the old instance still exists (ECI expires it only at releaseAt).
        V1Pod replacement = (await fx.EventuallyAsync("a Running replacement of the evicted pod", () => SpotWorkloads.PodsAsync(fx, "web"),
            pods => pods.Any(p => p.Metadata.Name != old.Metadata.Name && SpotWorkloads.Running(p)), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1)))
            .Single(p => p.Metadata.Name != old.Metadata.Name);
        DateTimeOffset running = fx.Clock.GetUtcNow();
        Assert.True(running < releaseAt, $"Expected replacement {replacement.Metadata.Name} Running before the release at {releaseAt:O}; it ran at {running:O}");
        Assert.True(running >= releaseAt - TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(2),
            $"Expected the eviction to wait for the 2-minute lead before {releaseAt:O}; the replacement already ran at {running:O}");

        IReadOnlyList<Corev1Event> events = await fx.EventsAsync(old.Metadata.Name);
        Assert.Contains(events, e => e.Reason == "SpotEviction");
        Assert.Contains(events, e => e.Reason == "SpotToBeReleased");
        Assert.False((await fx.GroupsAsync()).TryGetValue(oldGroup, out var left) && left.Status == "Expired",
            $"Expected the old group {oldGroup} deleted before it expired; it is {left?.Status}");
    }

    [Fact]
    public async Task Reclaim_BudgetAllowsNoDisruption_EvictionRetriedUntilTheBudgetAllowsIt()
    {
        await using var fx = await SpotWorkloads.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await fx.Client.AppsV1.CreateNamespacedDeploymentAsync(SpotWorkloads.Deployment("api", 2), "default", cancellationToken: ct);
        await fx.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(SpotWorkloads.MinAvailable("api", 2), "default", cancellationToken: ct);
        IList<V1Pod> pods = await fx.EventuallyAsync("two Running pods of deployment api", () => SpotWorkloads.PodsAsync(fx, "api"),
            p => p.Count == 2 && p.All(SpotWorkloads.Running));
        V1Pod victim = pods[0];
        await fx.EventuallyAsync("budget api-pdb observed with 0 disruptions allowed", () => fx.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("api-pdb", "default"),
            b => b.Status?.ObservedGeneration == 1 && b.Status.CurrentHealthy == 2 && b.Status.DisruptionsAllowed == 0);

        await SpotWorkloads.ReclaimAsync(fx, (await fx.Grains.GetGrain<IPodGrain>("default/" + victim.Metadata.Name).GetState()).ContainerGroupId!);
        DateTimeOffset releaseAt = (await SpotWorkloads.NoticedAsync(fx, victim.Metadata.Name)).SpotReleaseAt!.Value;
        await fx.EventuallyAsync($"a SpotEvictionRefused event on {victim.Metadata.Name}", () => fx.EventsAsync(victim.Metadata.Name),
            e => e.Any(x => x.Reason == "SpotEvictionRefused"), step: TimeSpan.FromSeconds(1));
        V1Pod stillThere = (await fx.ReadPodAsync(victim.Metadata.Name))!;
        Assert.True(stillThere.Metadata.DeletionTimestamp is null, $"Expected the budget to keep {victim.Metadata.Name}; it is being deleted");

        // A third replica gives the budget room; the next retry's eviction is accepted before the release.
        await fx.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "api", "default", cancellationToken: ct);
        await fx.EventuallyAsync($"pod {victim.Metadata.Name} evicted", () => fx.EventsAsync(victim.Metadata.Name),
            e => e.Any(x => x.Reason == "SpotEviction"), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        Assert.True(fx.Clock.GetUtcNow() < releaseAt, $"Expected the eviction of {victim.Metadata.Name} before the release at {releaseAt:O}; now {fx.Clock.GetUtcNow():O}");
        V1Pod? evicted = await fx.ReadPodAsync(victim.Metadata.Name);
        Assert.True(evicted is null || evicted.Metadata.DeletionTimestamp is not null, $"Expected {victim.Metadata.Name} deleted by its eviction; saw {evicted?.Status?.Phase}");
    }

    [Fact]
    public async Task Reclaim_GrainDeactivatedAfterTheNotice_PersistedDeadlineStillEvictsOnTime()
    {
        await using var fx = await SpotWorkloads.StartAsync(s => s["Pods:SpotEvictionLead"] = "00:01:00");
        await fx.Client.AppsV1.CreateNamespacedDeploymentAsync(SpotWorkloads.Deployment("db", 1), "default", cancellationToken: TestContext.Current.CancellationToken);
        V1Pod pod = (await fx.EventuallyAsync("one Running pod of deployment db", () => SpotWorkloads.PodsAsync(fx, "db"),
            p => p.Count == 1 && SpotWorkloads.Running(p[0]))).Single();
        IPodGrain grain = fx.Grains.GetGrain<IPodGrain>("default/" + pod.Metadata.Name);
        await SpotWorkloads.ReclaimAsync(fx, (await grain.GetState()).ContainerGroupId!);
        DateTimeOffset releaseAt = (await SpotWorkloads.NoticedAsync(fx, pod.Metadata.Name)).SpotReleaseAt!.Value;

        // The activation that armed the timer goes away; the next one must re-arm it from the persisted deadline.
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await fx.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        PodGrainState revived = await grain.GetState();
        Assert.Equal(releaseAt, revived.SpotReleaseAt);

        await fx.EventuallyAsync($"pod {pod.Metadata.Name} evicted by the re-armed timer", () => fx.EventsAsync(pod.Metadata.Name),
            e => e.Any(x => x.Reason == "SpotEviction"), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        DateTimeOffset evictedAt = fx.Clock.GetUtcNow();
        Assert.True(evictedAt < releaseAt && evictedAt >= releaseAt - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1),
            $"Expected pod {pod.Metadata.Name} evicted in the minute before the release at {releaseAt:O}; it was at {evictedAt:O}");
    }
}
