using k8s.Models;

using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Zones;

/// <summary>Malformed zone and spec annotations: the pod fails at once with an event naming the annotation; ECI is never called.</summary>
public sealed class ZoneAnnotationTests
{
    [Theory]
    [InlineData("k8s.aliyun.com/eci-use-specs", "2-4Gi,ecs c6 large")]
    [InlineData("k8s.aliyun.com/eci-use-specs", "1-2Gi,2-4Gi,4-8Gi,8-16Gi,16-32Gi,32-64Gi")]
    [InlineData("k8s.aliyun.com/eci-use-specs", ",")]
    [InlineData("k8s.aliyun.com/eci-schedule-strategy", "Sideways")]
    [InlineData("k8s.aliyun.com/eci-vswitch", "vsw-emu-h,vsw emu i")]
    public async Task Create_MalformedZoneAnnotation_FailsNamingItAndNeverCallsEci(string annotation, string value)
    {
        await using var fx = await ZoneRuntime.StartAsync();
        await fx.CreatePodAsync(RuntimeFixture.Pod("malformed", ZoneRuntime.Node, configure: p =>
            p.Metadata.Annotations = new Dictionary<string, string> { [annotation] = value }));

        V1Pod failed = (await fx.EventuallyAsync($"pod default/malformed Failed for {annotation}={value}", () => fx.ReadPodAsync("malformed"), p => p?.Status?.Phase == "Failed"))!;
        Assert.True(failed.Status.Reason == "InvalidAnnotation" && failed.Status.Message.Contains(annotation, StringComparison.Ordinal),
            $"Expected InvalidAnnotation naming {annotation} for value '{value}', got {failed.Status.Reason}: {failed.Status.Message}");
        // Events are posted in the background (KubeEventSink), so the event may trail the status a little.
        await fx.EventuallyAsync("an InvalidAnnotation event on pod default/malformed", () => fx.ReasonsAsync("malformed"), r => r.Contains("InvalidAnnotation"));
        Assert.Equal(0, (await fx.CallsAsync("CreateContainerGroup")).Received);
    }
}
