using System.Net;
using System.Text;

using k8s;
using k8s.Autorest;
using k8s.Models;

using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Pods.Lifecycle;

public sealed partial class PodGrain
{
    private List<(string Kind, string Name)> _volumeSources = [];
    private IGrainTimer? _volumeTimer;
    private bool _volumesDirty;
    private string? _pendingVolumes;

    /// <summary>
    /// ConfigMaps and Secrets mounted as volumes (directly or projected) change under a running pod, and the kubelet
    /// refreshes the files (its "Cache" change-detection strategy re-reads them on every pod sync). Here a pod that
    /// mounts any checks their resourceVersions every <see cref="PodLifecycleOptions.VolumeRefreshInterval"/>; when one
    /// changed, the group's ConfigFile volumes are sent again with UpdateContainerGroup. Environment variables taken from
    /// ConfigMaps are not refreshed, as in Kubernetes.
    /// </summary>
    private void WatchVolumeSources(V1Pod pod)
    {
        _volumeSources = VolumeSources(pod);
        if (_volumeSources.Count == 0 || _volumeTimer is not null || Record.Stage != PodStage.Created)
        {
            return;
        }

        TimeSpan every = _options.VolumeRefreshInterval;
        _volumeTimer = this.RegisterGrainTimer(static (self, _) => self.CheckVolumeSourcesAsync(), this,
            new GrainTimerCreationOptions(every, every) { KeepAlive = true });
    }

    private async Task CheckVolumeSourcesAsync()
    {
        if (Record.Stage != PodStage.Created || _volumeSources.Count == 0)
        {
            return;
        }

        string? versions = await VolumeVersionsAsync(_volumeSources);
        Record.AppliedVolumes ??= versions;
        if (versions is null || versions == Record.AppliedVolumes)
        {
            return;
        }

        // Something mounted changed: map the pod again (fresh contents) and send the volumes with the containers.
        if (await ReadPodAsync() is not { } pod)
        {
            return; // the pod is going; its deletion reaches the grain through the watch
        }

        _pod = pod;

        _volumesDirty = true;
        _pendingVolumes = versions;
        Kick(TimeSpan.Zero);
    }

    /// <summary>A fingerprint of the mounted ConfigMaps' and Secrets' resourceVersions; null when one could not be read.</summary>
    private async Task<string?> VolumeVersionsAsync(List<(string Kind, string Name)> sources)
    {
        var versions = new List<string?>();
        foreach (var (kind, name) in sources)
        {
            try
            {
                versions.Add(kind == "ConfigMap"
                    ? (await _kube.CoreV1.ReadNamespacedConfigMapAsync(name, Namespace)).Metadata?.ResourceVersion
                    : (await _kube.CoreV1.ReadNamespacedSecretAsync(name, Namespace)).Metadata?.ResourceVersion);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                versions.Add(null);
            }
            catch (HttpOperationException)
            {
                return null; // try again next round
            }
        }

        return VolumeFingerprint(sources, versions);
    }

    /// <summary>The fingerprint of the versions the pod's inputs had when the group was created.</summary>
    private static string? VolumeFingerprint(V1Pod pod, PodInputs inputs)
    {
        List<(string Kind, string Name)> sources = VolumeSources(pod);
        return sources.Count == 0 ? null : VolumeFingerprint(sources, [.. sources.Select(s => s.Kind == "ConfigMap"
            ? inputs.ConfigMaps.GetValueOrDefault(s.Name)?.Metadata?.ResourceVersion
            : inputs.Secrets.GetValueOrDefault(s.Name)?.Metadata?.ResourceVersion)]);
    }

    private static string VolumeFingerprint(List<(string Kind, string Name)> sources, List<string?> versions)
    {
        var text = new StringBuilder();
        for (int i = 0; i < sources.Count; i++)
        {
            text.Append(sources[i].Kind).Append('/').Append(sources[i].Name).Append('=').Append(versions[i] ?? "absent").Append('\n');
        }

        return Fingerprint(text.ToString());
    }

    private static List<(string Kind, string Name)> VolumeSources(V1Pod pod)
    {
        var sources = new List<(string, string)>();
        foreach (V1Volume v in pod.Spec?.Volumes ?? [])
        {
            if (v.ConfigMap?.Name is { Length: > 0 } cm)
            {
                sources.Add(("ConfigMap", cm));
            }

            if (v.Secret?.SecretName is { Length: > 0 } secret)
            {
                sources.Add(("Secret", secret));
            }

            foreach (V1VolumeProjection p in v.Projected?.Sources ?? [])
            {
                if (p.ConfigMap?.Name is { Length: > 0 } pcm)
                {
                    sources.Add(("ConfigMap", pcm));
                }

                if (p.Secret?.Name is { Length: > 0 } ps)
                {
                    sources.Add(("Secret", ps));
                }
            }
        }

        return [.. sources.Distinct().Order()];
    }
}
