using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.KubeletApi.Stats;

/// <summary>A pod's usage: the group's record, and one sample per container ECI reported.</summary>
internal sealed record PodSample(KubeletPod Pod, UsageSample Usage, IReadOnlyList<ContainerSample> Containers);
