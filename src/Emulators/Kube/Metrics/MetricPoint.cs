namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>One scraped reading: cumulative CPU in core-seconds, working set in bytes, when it was taken, and when the container started.</summary>
public sealed record MetricPoint(double CpuCoreSeconds, double MemoryBytes, DateTimeOffset Timestamp, DateTimeOffset? StartTime = null);
