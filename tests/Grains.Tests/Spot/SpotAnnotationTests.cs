using k8s.Models;

using OrleansEci.Grains.Tests.Runtime;

namespace OrleansEci.Grains.Tests.Spot;

/// <summary>Malformed spot annotations: one clear event naming the annotation, phase Failed, and ECI is never called.</summary>
public sealed class SpotAnnotationTests
{
    [Fact]
    public async Task MalformedSpotAnnotations_AreFailedOnceWithInvalidAnnotation_AndEciIsNeverCalled()
    {
        (string Pod, string Annotation, string Value)[] cases =
        [
            ("strategy", "k8s.aliyun.com/eci-spot-strategy", "Spot"),
            ("price", "k8s.aliyun.com/eci-spot-price-limit", "0.12345"),
            ("negative-price", "k8s.aliyun.com/eci-spot-price-limit", "-1"),
            ("duration", "k8s.aliyun.com/eci-spot-duration", "one"),
            ("release", "k8s.aliyun.com/eci-spot-release-strategy", "evict"),
        ];
        await using var fx = await RuntimeFixture.StartAsync();
        foreach ((string pod, string annotation, string value) in cases)
        {
            await fx.CreatePodAsync(RuntimeFixture.Pod(pod, RuntimeFixture.NodeH, configure: p => p.Metadata.Annotations = new Dictionary<string, string>
            {
                ["k8s.aliyun.com/eci-spot-strategy"] = annotation.EndsWith("spot-strategy", StringComparison.Ordinal) ? value : "SpotWithPriceLimit",
                ["k8s.aliyun.com/eci-spot-price-limit"] = annotation.EndsWith("price-limit", StringComparison.Ordinal) ? value : "0.5",
                [annotation] = value,
            }));
        }

        foreach ((string pod, string annotation, string value) in cases)
        {
            V1Pod failed = (await fx.EventuallyAsync($"pod default/{pod} Failed for {annotation}={value}", () => fx.ReadPodAsync(pod), p => p?.Status?.Phase == "Failed"))!;
            Assert.True(failed.Status.Reason == "InvalidAnnotation" && failed.Status.Message.Contains(annotation, StringComparison.Ordinal),
                $"Expected pod default/{pod} Failed with InvalidAnnotation naming {annotation}; saw {failed.Status.Reason}: {failed.Status.Message}");
        }

        await fx.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10));
        foreach ((string pod, _, _) in cases)
        {
            int events = (await fx.EventsAsync(pod)).Count(e => e.Reason == "InvalidAnnotation");
            Assert.True(events == 1, $"Expected one InvalidAnnotation event on pod default/{pod}; saw {events}");
        }

        Assert.Equal(0, (await fx.CallsAsync("CreateContainerGroup")).Received);
    }
}
