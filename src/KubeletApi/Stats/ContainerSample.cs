namespace OrleansEci.KubeletApi.Stats;

/// <summary>One container's usage; <see cref="StartTime"/> from the pod status (running.startedAt), if known.</summary>
internal sealed record ContainerSample(string Name, DateTimeOffset? StartTime, UsageSample Usage);
