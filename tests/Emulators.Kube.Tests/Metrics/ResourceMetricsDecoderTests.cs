using OrleansEci.Emulators.Kube.Kubelets;
using OrleansEci.Emulators.Kube.Metrics;

namespace OrleansEci.Emulators.Kube.Tests.Metrics;

/// <summary>The kubelet text format as written by ResourceUsage and read the way metrics-server reads it.</summary>
public sealed class ResourceMetricsDecoderTests
{
    [Fact]
    public void Decode_KubeletSample_ReadsNodeAndContainersWithTheirTimestamps()
    {
        const string text = """
            # HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds
            # TYPE node_cpu_usage_seconds_total counter
            node_cpu_usage_seconds_total 123 1795675800000
            node_memory_working_set_bytes 1.073741824e+09 1795675800000
            container_cpu_usage_seconds_total{container="nginx",namespace="default",pod="nginx"} 5 1795675800000
            container_memory_working_set_bytes{container="nginx",namespace="default",pod="nginx"} 1.048576e+07 1795675800000
            container_start_time_seconds{container="nginx",namespace="default",pod="nginx"} 1.7956722e+09
            pod_cpu_usage_seconds_total{namespace="default",pod="nginx"} 5.1 1795675800000
            scrape_error 0
            """;

        var (node, pods) = ResourceMetricsDecoder.Decode(text, DateTimeOffset.UnixEpoch);

        Assert.Equal(new MetricPoint(123, 1073741824, DateTimeOffset.FromUnixTimeMilliseconds(1795675800000)), node);
        var container = pods[("default", "nginx")]["nginx"];
        Assert.Equal(5, container.CpuCoreSeconds);
        Assert.Equal(10485760, container.MemoryBytes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795672200), container.StartTime);
    }

    [Theory]
    [InlineData(123, "123")]
    [InlineData(5.1, "5.1")]
    [InlineData(1073741824, "1.073741824e+09")]
    [InlineData(10485760, "1.048576e+07")]
    [InlineData(5000000, "5e+06")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    public void GoFloat_FormatsAsStrconvG(double value, string expected) => Assert.Equal(expected, ResourceUsage.GoFloat(value));

    [Fact]
    public void Render_ThenDecode_RoundTripsEveryReading()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 6, 50, 0, TimeSpan.Zero));
        var usage = new ResourceUsage(time);
        usage.SetNode(42.5, 2L << 30);
        usage.SetContainer("ns", "p", "c", 1.25, 3 << 20, time.GetUtcNow().AddMinutes(-5));

        var (node, pods) = ResourceMetricsDecoder.Decode(usage.Render(), DateTimeOffset.UnixEpoch);

        Assert.Equal(new MetricPoint(42.5, 2L << 30, time.GetUtcNow()), node);
        Assert.Equal(new MetricPoint(1.25, 3 << 20, time.GetUtcNow(), time.GetUtcNow().AddMinutes(-5)), pods[("ns", "p")]["c"]);
    }

    [Theory]
    [InlineData(250_000_000, "250m")]
    [InlineData(1_234_567, "1234567n")]
    [InlineData(2_000_000_000, "2")]
    public void Cpu_IsCanonicalQuantity(long nanoCores, string expected) => Assert.Equal(expected, MetricsQuantities.Cpu(nanoCores));
}
