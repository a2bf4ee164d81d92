using System.Text.Json;
using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using EciVolume = OrleansEci.Eci.ContainerGroups.Volume;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// Pod volumes as ECI volumes: emptyDir, NFS and flexVolume directly; configMap, secret, projected and downwardAPI
/// as ConfigFile volumes (<see cref="ConfigFiles"/>); hostPath, PVCs and every other source are
/// <see cref="Unsupported"/> (eci-on-kubernetes.md §2).
/// </summary>
internal static class VolumeMapper
{
    /// <summary>ECI's limit per group (eci-openapi.md §3.1; ECI "Limits" page: 20 volumes per instance).</summary>
    public const int MaxVolumes = 20;

    public static List<EciVolume>? Map(MappingScope scope)
    {
        IList<V1Volume> volumes = scope.Spec.Volumes ?? [];
        if (volumes.Count > MaxVolumes)
        {
            scope.Unsupported(MappingReasons.TooManyVolumes, $"Pod {scope.PodRef} has {volumes.Count} volumes; ECI allows at most {MaxVolumes} per container group. Merge configMap/secret volumes into one projected volume.");
            return null;
        }

        var mapped = new List<EciVolume>(volumes.Count);
        foreach (V1Volume volume in volumes)
        {
            if (One(scope, volume) is { } v)
            {
                mapped.Add(v);
            }
        }

        return scope.Failed ? null : mapped;
    }

    private static EciVolume? One(MappingScope scope, V1Volume volume)
    {
        string where = $"volume {volume.Name}";
        if (volume.HostPath is { } hostPath)
        {
            scope.Unsupported(MappingReasons.UnsupportedHostPath, $"{where}: hostPath {hostPath.Path} is not supported on ECI virtual nodes (there is no host). Use an emptyDir, a configMap/secret, or NAS (nfs) instead.");
            return null;
        }

        if (volume.PersistentVolumeClaim is { } claim)
        {
            scope.Unsupported(MappingReasons.UnsupportedPersistentVolumeClaim, $"{where}: persistentVolumeClaim {claim.ClaimName} is not supported by this virtual kubelet yet. Use an nfs volume for NAS, or run the pod on a regular node.");
            return null;
        }

        if (volume.Ephemeral is not null)
        {
            scope.Unsupported(MappingReasons.UnsupportedPersistentVolumeClaim, $"{where}: ephemeral volumes (volume claim templates) are not supported by this virtual kubelet yet. Use an emptyDir with sizeLimit, or k8s.aliyun.com/eci-extra-ephemeral-storage.");
            return null;
        }

        if (volume.EmptyDir is { } emptyDir)
        {
            return new EciVolume { Name = volume.Name, EmptyDirVolume = EmptyDir(scope, emptyDir, where) };
        }

        if (volume.Nfs is { } nfs)
        {
            return new EciVolume { Name = volume.Name, NfsVolume = new NfsVolume { Server = nfs.Server, Path = nfs.Path, ReadOnly = nfs.ReadOnlyProperty } };
        }

        if (volume.FlexVolume is { } flex)
        {
            if (flex.SecretRef is not null)
            {
                scope.Unsupported(MappingReasons.UnsupportedVolume, $"{where}: flexVolume secretRef is not supported on ECI; put the driver's options in flexVolume.options.");
                return null;
            }

            return new EciVolume
            {
                Name = volume.Name,
                FlexVolume = new FlexVolume
                {
                    Driver = flex.Driver,
                    FsType = flex.FsType,
                    Options = flex.Options is { Count: > 0 } o ? JsonSerializer.Serialize(new SortedDictionary<string, string>(o, StringComparer.Ordinal)) : null,
                },
            };
        }

        IReadOnlyList<ConfigFileToPath>? files = volume switch
        {
            { ConfigMap: { } c } => ConfigFiles.FromConfigMap(scope, c, where),
            { Secret: { } s } => ConfigFiles.FromSecret(scope, s, where),
            { Projected: { } p } => ConfigFiles.FromProjected(scope, p, where),
            { DownwardAPI: { } d } => ConfigFiles.FromDownwardApi(scope, d.Items, where),
            _ => Unknown(scope, volume, where),
        };
        if (files is null)
        {
            return null;
        }

        int? defaultMode = volume.ConfigMap?.DefaultMode ?? volume.Secret?.DefaultMode ?? volume.Projected?.DefaultMode ?? volume.DownwardAPI?.DefaultMode;

        // An optional source that does not exist (or has no keys) mounts as an empty directory, as on a kubelet.
        return files.Count == 0
            ? new EciVolume { Name = volume.Name, EmptyDirVolume = new EmptyDirVolume() }
            : ConfigFiles.Limit(scope, files, where)
                ? new EciVolume { Name = volume.Name, ConfigFileVolume = new ConfigFileVolume { DefaultMode = defaultMode, ConfigFileToPaths = files } }
                : null;
    }

    private static EmptyDirVolume EmptyDir(MappingScope scope, V1EmptyDirVolumeSource emptyDir, string where)
    {
        string? medium = emptyDir.Medium switch
        {
            null or "" => null,
            "Memory" => "Memory",
            _ => null,
        };
        if (emptyDir.Medium is { Length: > 0 } other && medium is null)
        {
            scope.Note($"{where}: emptyDir medium {other} is not applied; ECI offers disk (\"\") or Memory. The volume is on disk.");
        }

        return new EmptyDirVolume { Medium = medium, SizeLimit = emptyDir.SizeLimit?.ToString() };
    }

    private static IReadOnlyList<ConfigFileToPath>? Unknown(MappingScope scope, V1Volume volume, string where)
    {
        string kind = KindOf(volume);
        scope.Unsupported(MappingReasons.UnsupportedVolume, $"{where}: {kind} volumes are not supported on ECI virtual nodes. Supported: emptyDir, configMap, secret, projected, downwardAPI, nfs and flexVolume.");
        return null;
    }

    private static string KindOf(V1Volume volume)
    {
        // The first source property that is set, by its JSON name (csi, gitRepo, iscsi, ...).
        using JsonDocument json = JsonDocument.Parse(k8s.KubernetesJson.Serialize(volume));
        return json.RootElement.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "name") ?? "unknown";
    }
}
