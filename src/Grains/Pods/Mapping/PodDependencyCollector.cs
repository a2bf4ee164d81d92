using k8s.Models;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>Walks a pod for the ConfigMaps, Secrets and tokens <see cref="PodMapper.Map"/> will look up.</summary>
internal static class PodDependencyCollector
{
    public static PodDependencies Collect(V1Pod pod)
    {
        V1PodSpec spec = pod.Spec ?? new V1PodSpec();
        var configMaps = new SortedSet<string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var tokens = new List<ServiceAccountTokenSource>();
        foreach (V1Container container in EnvironmentResolver.AllContainers(spec))
        {
            foreach (V1EnvFromSource from in container.EnvFrom ?? [])
            {
                Add(configMaps, from.ConfigMapRef?.Name);
                Add(secrets, from.SecretRef?.Name);
            }

            foreach (V1EnvVar env in container.Env ?? [])
            {
                Add(configMaps, env.ValueFrom?.ConfigMapKeyRef?.Name);
                Add(secrets, env.ValueFrom?.SecretKeyRef?.Name);
            }
        }

        foreach (V1Volume volume in spec.Volumes ?? [])
        {
            Add(configMaps, volume.ConfigMap?.Name);
            Add(secrets, volume.Secret?.SecretName);
            foreach (V1VolumeProjection source in volume.Projected?.Sources ?? [])
            {
                Add(configMaps, source.ConfigMap?.Name);
                Add(secrets, source.Secret?.Name);
                if (source.ServiceAccountToken is { } token && ConfigFiles.TokenSource(spec, token) is var wanted && !tokens.Contains(wanted))
                {
                    tokens.Add(wanted);
                }
            }
        }

        foreach (V1LocalObjectReference pullSecret in spec.ImagePullSecrets ?? [])
        {
            Add(secrets, pullSecret.Name);
        }

        return new PodDependencies(configMaps, secrets, tokens);
    }

    private static void Add(SortedSet<string> names, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            names.Add(name);
        }
    }
}
