using System.Net.Http.Json;

using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Zones;

/// <summary>
/// The runtime with one virtual node over the local ECI service's three zones (vSwitches h, i, j in that order, zones
/// and CIDR blocks told through <c>Zones:VSwitches</c>), and the stock control the zone tests need.
/// </summary>
internal static class ZoneRuntime
{
    public const string Node = RuntimeFixture.NodeH;
    public const string Spec = "2-4Gi"; // what the local ECI service gives a pod without requests

    public static Task<RuntimeFixture> StartAsync(Action<EciEmulatorOptions>? eci = null, Action<Dictionary<string, string?>>? configure = null, int silos = 1) =>
        RuntimeFixture.StartAsync(settings =>
        {
            foreach (string key in settings.Keys.Where(k => k.StartsWith("VirtualKubelet:Nodes:", StringComparison.Ordinal)).ToList())
            {
                settings.Remove(key);
            }

            settings["VirtualKubelet:Nodes:0:Name"] = Node;
            string[] zones = ["h", "i", "j"];
            for (int i = 0; i < zones.Length; i++)
            {
                settings[$"VirtualKubelet:Nodes:0:VSwitchIds:{i}"] = "vsw-emu-" + zones[i];
                settings[$"Zones:VSwitches:vsw-emu-{zones[i]}:ZoneId"] = "cn-hangzhou-" + zones[i];
            }

            configure?.Invoke(settings);
        }, silos, eci);

    /// <summary>Sets the local ECI service's stock of <paramref name="spec"/> in <paramref name="zone"/> (h, i or j).</summary>
    public static async Task SetStockAsync(this RuntimeFixture fx, string zone, int stock, string spec = Spec)
    {
        using var control = new HttpClient { BaseAddress = fx.Eci.ControlUri };
        using var r = await control.PutAsJsonAsync("stock", new { zoneId = "cn-hangzhou-" + zone, spec, stock });
        Assert.True(r.IsSuccessStatusCode, $"Expected the ECI control API to set the stock of {spec} in zone {zone}: {(int)r.StatusCode}");
    }

    /// <summary>Creates the pod and waits until it has its group; answers the group.</summary>
    public static async Task<ContainerGroup> RunAsync(this RuntimeFixture fx, string name, Action<V1Pod>? configure = null)
    {
        await fx.CreatePodAsync(RuntimeFixture.Pod(name, Node, configure: configure));
        return await fx.GroupOfAsync(name);
    }

    public static async Task<ContainerGroup> GroupOfAsync(this RuntimeFixture fx, string name)
    {
        V1Pod pod = (await fx.EventuallyAsync($"pod default/{name} with its container group", () => fx.ReadPodAsync(name),
            p => p?.Metadata.Annotations?.ContainsKey("k8s.aliyun.com/eci-instance-id") == true))!;
        string id = pod.Metadata.Annotations["k8s.aliyun.com/eci-instance-id"];
        Dictionary<string, ContainerGroup> groups = await fx.GroupsAsync();
        Assert.True(groups.TryGetValue(id, out ContainerGroup? group), $"Expected group {id} of pod {name} in ECI");
        return group;
    }

    /// <summary>The container groups carrying <paramref name="name"/>'s UID tag.</summary>
    public static async Task<List<ContainerGroup>> GroupsOfAsync(this RuntimeFixture fx, string name)
    {
        V1Pod pod = (await fx.ReadPodAsync(name))!;
        return [.. (await fx.GroupsAsync()).Values.Where(g => g.Tags.Any(t => t.Key == ContainerGroupTags.Uid && t.Value == pod.Metadata.Uid))];
    }

    public static async Task<long> FailedCreatesAsync(this RuntimeFixture fx) => (await fx.CallsAsync("CreateContainerGroup")).Failed;

    public static async Task<IReadOnlyList<string>> ReasonsAsync(this RuntimeFixture fx, string pod) =>
        [.. (await fx.EventsAsync(pod)).Select(e => e.Reason)];
}
