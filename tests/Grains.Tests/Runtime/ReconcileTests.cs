using k8s;
using k8s.Models;

using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Tests.Runtime;

/// <summary>A silo restarting with no grain state: nothing duplicated, no live pod's group deleted, orphans cleaned up.</summary>
public sealed class ReconcileTests
{
    [Fact]
    public async Task SiloRestartWithoutState_AdoptsEveryGroup_AndDeletesOnlyTheGonePodsGroupAfterGrace()
    {
        await using var fx = await RuntimeFixture.StartAsync(s => s["StatusPoller:SweepInterval"] = "00:01:00");
        string[] names = ["keep-0", "keep-1", "gone"];
        foreach (string name in names)
        {
            await fx.CreatePodAsync(RuntimeFixture.Pod(name, RuntimeFixture.NodeH));
        }

        foreach (string name in names)
        {
            await fx.EventuallyAsync($"pod default/{name} Running", () => fx.ReadPodAsync(name), p => p?.Status?.Phase == "Running");
        }

        var before = await fx.GroupsAsync();
        Assert.Equal(3, before.Count);
        long createsBefore = (await fx.CallsAsync("CreateContainerGroup")).Received;

        // The only silo dies (memory storage: every pod grain's state is lost); the pod "gone" is deleted meanwhile.
        await fx.Cluster.KillSiloAsync(fx.Cluster.Silos[0], TestContext.Current.CancellationToken);
        await fx.Client.CoreV1.DeleteNamespacedPodAsync("gone", "default", new V1DeleteOptions { GracePeriodSeconds = 0 },
            cancellationToken: TestContext.Current.CancellationToken);
        await fx.Cluster.StartAdditionalSiloAsync();

        foreach (string name in new[] { "keep-0", "keep-1" })
        {
            var state = await fx.EventuallyAsync($"pod grain default/{name} to adopt its group",
                () => fx.Grains.GetGrain<IPodGrain>("default/" + name).GetState().WaitAsync(TestContext.Current.CancellationToken),
                s => s.Stage == PodStage.Created);
            Assert.True(before.ContainsKey(state.ContainerGroupId!), $"Expected default/{name} to adopt its existing group, got {state.ContainerGroupId}");
        }

        // The orphan goes once the sweep finds it and the grace period (2 min) has passed; the live pods' groups stay.
        var after = await fx.EventuallyAsync("the deleted pod's group to be cleaned up", fx.GroupsAsync, g => g.Count == 2, TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(5));
        Assert.All(after.Keys, id => Assert.True(before.ContainsKey(id), $"Expected no new group after the restart, found {id}"));
        Assert.Equal(createsBefore, (await fx.CallsAsync("CreateContainerGroup")).Received);
        foreach (string name in new[] { "keep-0", "keep-1" })
        {
            Assert.Equal("Running", (await fx.ReadPodAsync(name))?.Status?.Phase);
        }
    }
}
