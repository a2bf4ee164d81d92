using Orleans.Runtime;

using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Tests.Runtime;

/// <summary>A silo dying while its pod grains are in the middle of CreateContainerGroup: no pod lost, none created twice.</summary>
public sealed class SiloFailureTests
{
    [Fact]
    public async Task SiloKilledMidCreate_EveryPodEndsWithExactlyOneGroup()
    {
        await using var fx = await RuntimeFixture.StartAsync(silos: 2);
        // ECI does the work, then holds the answer for 3 s and drops the connection: the creates are in flight.
        await fx.AddFaultAsync(new { kind = "timeout-after-success", action = "CreateContainerGroup", count = 8, delayMs = 3000 });
        string[] names = [.. Enumerable.Range(0, 8).Select(i => $"mid-{i}")];
        foreach (string name in names)
        {
            await fx.CreatePodAsync(RuntimeFixture.Pod(name, name.EndsWith('0') || name.EndsWith('2') ? RuntimeFixture.NodeH : RuntimeFixture.NodeI));
        }

        await fx.EventuallyAsync("ECI to have received all eight creates", () => fx.CallsAsync("CreateContainerGroup"), c => c.Received >= 8,
            step: TimeSpan.FromMilliseconds(100));
        var victim = fx.Cluster.Silos[1];
        var management = fx.Grains.GetGrain<IManagementGrain>(0);
        var activations = await management.GetDetailedGrainStatistics(types: null, hostsIds: [victim.SiloAddress], cancellationToken: TestContext.Current.CancellationToken);
        int onVictim = activations.Count(a => a.GrainId.Key.ToString()?.StartsWith("default/mid-", StringComparison.Ordinal) == true);
        Assert.True(onVictim > 0, "Expected at least one pod grain on the silo about to be killed; none was, so the test proves nothing");

        await fx.Cluster.KillSiloAsync(victim, TestContext.Current.CancellationToken);

        foreach (string name in names)
        {
            await fx.EventuallyAsync($"pod default/{name} Running after the silo died", () => fx.ReadPodAsync(name), p => p?.Status?.Phase == "Running",
                TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        }

        var groups = await fx.GroupsAsync();
        foreach (string name in names)
        {
            var mine = groups.Values.Where(g => ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Name) == name).ToList();
            Assert.True(mine.Count == 1, $"Expected exactly one container group for default/{name} after its silo died mid-create, found {mine.Count}");
            var state = await fx.Grains.GetGrain<IPodGrain>("default/" + name).GetState();
            Assert.Equal(mine[0].ContainerGroupId, state.ContainerGroupId);
        }
    }
}
