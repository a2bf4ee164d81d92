using System.Text;
using k8s.Models;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// The files of configMap, secret, projected and downwardAPI volumes as ECI ConfigFile entries: path, Base64
/// content, mode (eci-openapi.md §3.1; file ≤ 32 KB, all files ≤ 60 KB). Items select and rename keys; without
/// items every key becomes a file. A missing required source or key is a <see cref="MissingInput"/> (the kubelet's
/// FailedMount); a missing optional one contributes no files.
/// </summary>
internal static class ConfigFiles
{
    public const int MaxFileBytes = 32 * 1024;
    public const int MaxTotalBytes = 60 * 1024;

    public static IReadOnlyList<ConfigFileToPath>? FromConfigMap(MappingScope scope, V1ConfigMapVolumeSource source, string where) =>
        FromKeys(scope, "configmap", source.Name, ConfigMapBytes(scope, source.Name), source.Items, source.Optional == true, where);

    public static IReadOnlyList<ConfigFileToPath>? FromSecret(MappingScope scope, V1SecretVolumeSource source, string where) =>
        FromKeys(scope, "secret", source.SecretName, SecretBytes(scope, source.SecretName), source.Items, source.Optional == true, where);

    public static IReadOnlyList<ConfigFileToPath>? FromDownwardApi(MappingScope scope, IList<V1DownwardAPIVolumeFile>? items, string where)
    {
        var files = new List<ConfigFileToPath>();
        foreach (V1DownwardAPIVolumeFile item in items ?? [])
        {
            string? value = null;
            if (item.FieldRef is { } field)
            {
                value = DownwardApi.ForVolume(scope, field.FieldPath, $"{where} item {item.Path}");
            }
            else if (item.ResourceFieldRef is { } resource)
            {
                V1Container? container = EnvironmentResolver.AllContainers(scope.Spec).FirstOrDefault(c => c.Name == resource.ContainerName);
                if (container is null)
                {
                    scope.Unsupported(MappingReasons.InvalidSpec, $"{where} item {item.Path}: resourceFieldRef.containerName \"{resource.ContainerName}\" is not a container of the pod.");
                    return null;
                }

                value = DownwardApi.Resource(scope, container, resource.Resource, resource.Divisor, $"{where} item {item.Path}");
            }

            if (value is null)
            {
                return null;
            }

            files.Add(File(item.Path, Encoding.UTF8.GetBytes(value), item.Mode));
        }

        return files;
    }

    public static IReadOnlyList<ConfigFileToPath>? FromProjected(MappingScope scope, V1ProjectedVolumeSource projected, string where)
    {
        var files = new List<ConfigFileToPath>();
        foreach (V1VolumeProjection source in projected.Sources ?? [])
        {
            IReadOnlyList<ConfigFileToPath>? part = source switch
            {
                { ConfigMap: { } c } => FromKeys(scope, "configmap", c.Name, ConfigMapBytes(scope, c.Name), c.Items, c.Optional == true, where),
                { Secret: { } s } => FromKeys(scope, "secret", s.Name, SecretBytes(scope, s.Name), s.Items, s.Optional == true, where),
                { DownwardAPI: { } d } => FromDownwardApi(scope, d.Items, where),
                { ServiceAccountToken: { } t } => Token(scope, t, where),
                _ => Unsupported(scope, where),
            };
            if (part is null)
            {
                return null;
            }

            files.AddRange(part);
        }

        return files;
    }

    /// <summary>The token request a projected source makes: the pod's service account, audience, lifetime (default 1 h).</summary>
    public static ServiceAccountTokenSource TokenSource(V1PodSpec spec, V1ServiceAccountTokenProjection token) =>
        new(ServiceAccountName(spec), token.Audience is { Length: > 0 } a ? a : null, token.ExpirationSeconds ?? 3600);

    public static string ServiceAccountName(V1PodSpec spec) =>
        spec.ServiceAccountName is { Length: > 0 } name ? name : spec.ServiceAccount is { Length: > 0 } legacy ? legacy : "default";

    /// <summary>Checks ECI's size limits; false (failure recorded) when a file or the volume is too large.</summary>
    public static bool Limit(MappingScope scope, IReadOnlyList<ConfigFileToPath> files, string where)
    {
        int total = 0;
        foreach (ConfigFileToPath file in files)
        {
            int size = Convert.FromBase64String(file.Content ?? "").Length;
            if (size > MaxFileBytes)
            {
                scope.Unsupported(MappingReasons.ConfigFileTooLarge, $"{where}: file {file.Path} has {size} bytes; ECI ConfigFile volumes take at most {MaxFileBytes} bytes per file. Use a smaller file, or fetch it at start-up (init container).");
                return false;
            }

            total += size;
        }

        if (total > MaxTotalBytes)
        {
            scope.Unsupported(MappingReasons.ConfigFileTooLarge, $"{where}: files total {total} bytes; ECI ConfigFile volumes take at most {MaxTotalBytes} bytes per volume. Split the volume or select fewer keys with items.");
            return false;
        }

        return true;
    }

    private static IReadOnlyList<ConfigFileToPath>? Token(MappingScope scope, V1ServiceAccountTokenProjection token, string where)
    {
        ServiceAccountTokenSource source = TokenSource(scope.Spec, token);
        if (!scope.Inputs.Tokens.TryGetValue(source, out string? jwt))
        {
            scope.Missing($"{where}: no token for serviceaccount {scope.Pod.Namespace()}/{source.ServiceAccountName} (audience {source.Audience ?? "default"}) was obtained");
            return null;
        }

        return [File(token.Path, Encoding.UTF8.GetBytes(jwt), null)];
    }

    private static IReadOnlyList<ConfigFileToPath>? Unsupported(MappingScope scope, string where)
    {
        scope.Unsupported(MappingReasons.UnsupportedVolume, $"{where}: projected clusterTrustBundle and podCertificate sources are not supported on ECI. Put the bundle in a configMap or secret.");
        return null;
    }

    private static List<ConfigFileToPath>? FromKeys(
        MappingScope scope, string kind, string name, Dictionary<string, byte[]>? data, IList<V1KeyToPath>? items, bool optional, string where)
    {
        if (data is null)
        {
            if (!optional)
            {
                scope.Missing($"{where}: {kind} \"{name}\" not found");
                return null;
            }

            return [];
        }

        if (items is not { Count: > 0 })
        {
            return [.. data.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => File(p.Key, p.Value, null))];
        }

        var files = new List<ConfigFileToPath>(items.Count);
        foreach (V1KeyToPath item in items)
        {
            if (!data.TryGetValue(item.Key, out byte[]? bytes))
            {
                if (!optional)
                {
                    scope.Missing($"{where}: {kind} {scope.Pod.Namespace()}/{name} has no key \"{item.Key}\"");
                    return null;
                }

                continue;
            }

            files.Add(File(item.Path, bytes, item.Mode));
        }

        return files;
    }

    private static ConfigFileToPath File(string path, byte[] content, int? mode) =>
        new() { Path = path, Content = Convert.ToBase64String(content), Mode = mode };

    private static Dictionary<string, byte[]>? ConfigMapBytes(MappingScope scope, string name)
    {
        if (!scope.Inputs.ConfigMaps.TryGetValue(name, out V1ConfigMap? map))
        {
            return null;
        }

        var bytes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach ((string key, string value) in map.Data ?? new Dictionary<string, string>())
        {
            bytes[key] = Encoding.UTF8.GetBytes(value);
        }

        foreach ((string key, byte[] value) in map.BinaryData ?? new Dictionary<string, byte[]>())
        {
            bytes[key] = value;
        }

        return bytes;
    }

    private static Dictionary<string, byte[]>? SecretBytes(MappingScope scope, string name) =>
        scope.Inputs.Secrets.TryGetValue(name, out V1Secret? secret)
            ? new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal)
            : null;
}
