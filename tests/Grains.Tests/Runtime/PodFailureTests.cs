using k8s;
using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods;

namespace OrleansEci.Grains.Tests.Runtime;

/// <summary>What ECI cannot run, and what goes wrong on the way: clear outcomes, no churn, never a second group.</summary>
public sealed class PodFailureTests
{
    [Fact]
    public async Task HostPathPod_IsFailedOnceWithAClearReason_AndEciIsNeverCalled()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("hostpath", RuntimeFixture.NodeH, configure: p =>
        {
            p.Spec.Volumes = [new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/var/log" } }];
            p.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "host", MountPath = "/host" }];
        }));

        V1Pod failed = (await fx.EventuallyAsync("pod default/hostpath Failed", () => fx.ReadPodAsync("hostpath"), p => p?.Status?.Phase == "Failed"))!;
        Assert.Equal("UnsupportedHostPath", failed.Status.Reason);
        Assert.Contains("hostPath", failed.Status.Message, StringComparison.Ordinal);

        // Five minutes later: still one event, still no create — rejected once, no create/fail churn.
        await fx.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(15));
        var events = (await fx.EventsAsync("hostpath")).Where(e => e.Reason == "UnsupportedHostPath").ToList();
        Assert.True(events.Count == 1 && events[0].Type == "Warning", $"Expected exactly one Warning UnsupportedHostPath event, got {events.Count}");
        Assert.Equal(0, (await fx.CallsAsync("CreateContainerGroup")).Received);
    }

    [Fact]
    public async Task MalformedAnnotation_IsFailedWithInvalidAnnotationNamingIt()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("badspot", RuntimeFixture.NodeH, configure: p =>
            p.Metadata.Annotations = new Dictionary<string, string>
            {
                ["k8s.aliyun.com/eci-spot-strategy"] = "SpotWithPriceLimit",
                ["k8s.aliyun.com/eci-spot-price-limit"] = "cheap",
            }));

        V1Pod failed = (await fx.EventuallyAsync("pod default/badspot Failed", () => fx.ReadPodAsync("badspot"), p => p?.Status?.Phase == "Failed"))!;
        Assert.Equal("InvalidAnnotation", failed.Status.Reason);
        Assert.Contains("k8s.aliyun.com/eci-spot-price-limit", failed.Status.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await fx.CallsAsync("CreateContainerGroup")).Received);
    }

    [Fact]
    public async Task ThrottlingStorm_EveryPodRunsWithExactlyOneGroup()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.AddFaultAsync(new { kind = "throttle", action = "CreateContainerGroup", count = 40 });
        string[] names = [.. Enumerable.Range(0, 6).Select(i => $"storm-{i}")];
        foreach (string name in names)
        {
            await fx.CreatePodAsync(RuntimeFixture.Pod(name, i(name) % 2 == 0 ? RuntimeFixture.NodeH : RuntimeFixture.NodeI));
        }

        foreach (string name in names)
        {
            await fx.EventuallyAsync($"pod default/{name} Running", () => fx.ReadPodAsync(name), p => p?.Status?.Phase == "Running", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));
        }

        var groups = await fx.GroupsAsync();
        foreach (string name in names)
        {
            int count = groups.Values.Count(g => ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Name) == name);
            Assert.True(count == 1, $"Expected exactly one container group for pod {name} after the throttling storm, found {count}");
        }

        Assert.True((await fx.CallsAsync("CreateContainerGroup")).Throttled >= 40, "Expected the storm to have throttled 40 creates");
        static int i(string name) => int.Parse(name[(name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task CreateAnswerLost_RetryWithTheSameTokenAdoptsTheOneGroup()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.AddFaultAsync(new { kind = "timeout-after-success", action = "CreateContainerGroup", count = 1 });
        await fx.CreatePodAsync(RuntimeFixture.Pod("lost-answer", RuntimeFixture.NodeH));

        await fx.EventuallyAsync("pod default/lost-answer Running", () => fx.ReadPodAsync("lost-answer"), p => p?.Status?.Phase == "Running");
        var groups = (await fx.GroupsAsync()).Values.Where(g => ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Name) == "lost-answer").ToList();
        Assert.True(groups.Count == 1, $"Expected one group for default/lost-answer after a lost create answer, found {groups.Count}");
        var state = await fx.Grains.GetGrain<IPodGrain>("default/lost-answer").GetState();
        Assert.Equal(groups[0].ContainerGroupId, state.ContainerGroupId);
    }

    [Fact]
    public async Task GroupDeletedBehindOurBack_PodIsReportedFailedAsALostPod()
    {
        await using var fx = await RuntimeFixture.StartAsync(s => s["StatusPoller:SweepInterval"] = "00:01:00");
        await fx.CreatePodAsync(RuntimeFixture.Pod("vanishing", RuntimeFixture.NodeH));
        await fx.EventuallyAsync("pod default/vanishing Running", () => fx.ReadPodAsync("vanishing"), p => p?.Status?.Phase == "Running");
        var state = await fx.Grains.GetGrain<IPodGrain>("default/vanishing").GetState();

        await fx.EciClient.DeleteContainerGroupAsync(new DeleteContainerGroupRequest { ContainerGroupId = state.ContainerGroupId!, Force = true }, TestContext.Current.CancellationToken);

        V1Pod lost = (await fx.EventuallyAsync("pod default/vanishing Failed after its group vanished", () => fx.ReadPodAsync("vanishing"),
            p => p?.Status?.Phase == "Failed", TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2)))!;
        Assert.Equal("ContainerGroupLost", lost.Status.Reason);
    }

    [Fact]
    public async Task MissingConfigMap_KeepsThePodPendingWithTheReason_UntilItAppears()
    {
        await using var fx = await RuntimeFixture.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("needs-config", RuntimeFixture.NodeH, configure: p =>
            p.Spec.Containers[0].Env = [new V1EnvVar { Name = "MODE", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "mode" } } }]));

        V1Pod pending = (await fx.EventuallyAsync("pod default/needs-config Pending with CreateContainerConfigError", () => fx.ReadPodAsync("needs-config"),
            p => p?.Status?.Conditions?.Any(c => c.Reason == "CreateContainerConfigError") == true || p?.Status?.Reason == "CreateContainerConfigError"
                || p?.Status?.ContainerStatuses?.Any(c => c.State?.Waiting?.Reason == "CreateContainerConfigError") == true))!;
        Assert.Equal("Pending", pending.Status.Phase);
        Assert.Equal(0, (await fx.CallsAsync("CreateContainerGroup")).Received);

        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings" },
            Data = new Dictionary<string, string> { ["mode"] = "fast" },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);
        await fx.EventuallyAsync("pod default/needs-config Running once its ConfigMap exists", () => fx.ReadPodAsync("needs-config"),
            p => p?.Status?.Phase == "Running", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));
        var state = await fx.Grains.GetGrain<IPodGrain>("default/needs-config").GetState();
        var group = (await fx.GroupsAsync())[state.ContainerGroupId!];
        Assert.Contains(group.Containers[0].EnvironmentVars, v => v.Key == "MODE" && v.Value == "fast");
    }
}
