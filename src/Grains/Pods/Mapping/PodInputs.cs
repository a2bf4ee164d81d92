using k8s.Models;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// The values fetched for a pod's <see cref="PodDependencies"/>. A name missing from a dictionary means the API server
/// does not have it: a required reference then makes the mapping a <see cref="MissingInput"/>, an optional one is
/// skipped as the kubelet skips it.
/// </summary>
public sealed class PodInputs
{
    /// <summary>Nothing fetched: for pods whose <see cref="PodDependencies.IsEmpty"/> is true.</summary>
    public static PodInputs None { get; } = new();

    /// <summary>ConfigMaps by name.</summary>
    public IReadOnlyDictionary<string, V1ConfigMap> ConfigMaps { get; init; } = new Dictionary<string, V1ConfigMap>();

    /// <summary>Secrets by name.</summary>
    public IReadOnlyDictionary<string, V1Secret> Secrets { get; init; } = new Dictionary<string, V1Secret>();

    /// <summary>Service-account tokens (the JWT text) by what was asked for.</summary>
    public IReadOnlyDictionary<ServiceAccountTokenSource, string> Tokens { get; init; } = new Dictionary<ServiceAccountTokenSource, string>();
}
