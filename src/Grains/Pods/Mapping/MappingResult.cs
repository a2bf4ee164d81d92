namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// The outcome of <see cref="PodMapper.Map"/>: <see cref="Mapped"/>, <see cref="Unsupported"/> (permanent: report once
/// and fail the pod) or <see cref="MissingInput"/> (transient: fetch again later, as the kubelet's
/// CreateContainerConfigError).
/// </summary>
public abstract record MappingResult;
