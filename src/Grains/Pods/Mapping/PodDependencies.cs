namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// What a pod needs fetched from the API server (in the pod's namespace) before <see cref="PodMapper.Map"/> can run:
/// ConfigMaps and Secrets named by env, envFrom, volumes, projected sources and imagePullSecrets, and the
/// service-account tokens its projected volumes ask for. Optional references are listed too: fetch them, and leave
/// them out of <see cref="PodInputs"/> when they do not exist.
/// </summary>
public sealed record PodDependencies(
    IReadOnlySet<string> ConfigMaps,
    IReadOnlySet<string> Secrets,
    IReadOnlyList<ServiceAccountTokenSource> Tokens)
{
    /// <summary>True when the pod needs nothing fetched.</summary>
    public bool IsEmpty => ConfigMaps.Count == 0 && Secrets.Count == 0 && Tokens.Count == 0;
}
