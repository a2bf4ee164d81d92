using System.Security.Cryptography;
using System.Text;

using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Grains.Pods.Mapping;
using OrleansEci.Grains.Pods.Status;

namespace OrleansEci.Grains.Pods.Lifecycle;

public sealed partial class PodGrain
{
    private long? _appliedDeadline;
    private bool _deadlineNoted;

    /// <summary>
    /// Kubernetes lets a running pod change its container images and activeDeadlineSeconds (and its labels and
    /// annotations, which ECI does not hold). Images go to ECI through UpdateContainerGroup; the deadline cannot (the
    /// update API has no such parameter, eci-openapi.md §3.5), so the pod gets a Warning event saying it was not applied.
    /// </summary>
    private async Task NoteUpdatesAsync(V1Pod pod)
    {
        if (Record.Stage != PodStage.Created)
        {
            return;
        }

        string images = ImagesFingerprint(pod);
        Record.AppliedImages ??= images;
        if (Record.AppliedImages != images)
        {
            Kick(TimeSpan.Zero);
        }

        long? deadline = pod.Spec?.ActiveDeadlineSeconds;
        _appliedDeadline ??= deadline ?? -1;
        if ((deadline ?? -1) != _appliedDeadline && !_deadlineNoted)
        {
            _deadlineNoted = true;
            DateTime now = _time.GetUtcNow().UtcDateTime;
            await PostAsync(new PodEvent("Warning", "NotApplied",
                "activeDeadlineSeconds changed, but ECI cannot change a running container group's deadline; it keeps the value it was created with.",
                1, now, now, "update:activeDeadlineSeconds", ReportingInstance));
        }
    }

    /// <summary>Sends the pod's current containers to ECI when their images differ from what the group runs.</summary>
    private async Task UpdateStepAsync(CancellationToken ct)
    {
        if (_pod is not { } pod || Node is not { } node || Record.ContainerGroupId is not { } groupId)
        {
            return;
        }

        string images = ImagesFingerprint(pod);
        if (images == Record.AppliedImages && !_volumesDirty)
        {
            _pod = null; // nothing to send: a running pod's grain keeps only its shape (memory per pod)
            return;
        }

        PodInputs? inputs = await FetchInputsAsync(pod, PodMapper.Dependencies(pod), ct);
        if (inputs is null)
        {
            return;
        }

        var context = MappingContextFor(pod, node, Record.ClientToken ?? ClientTokenFor(Record.Uid, Record.Generation));
        DateTime now = _time.GetUtcNow().UtcDateTime;
        MappingResult result = PodMapper.Map(pod, inputs, context);
        if (result is not Mapped mapped)
        {
            // e.g. a new image whose pull secret is gone: say so once, keep the running containers
            (string reason, string message) = result switch
            {
                Unsupported u => (u.Reason, u.Message),
                MissingInput m => (m.Reason, m.Message),
                _ => ("UpdateFailed", result.ToString()),
            };
            Record.AppliedImages = images;
            await _state.WriteStateAsync(ct);
            await PostAsync(new PodEvent("Warning", reason, "The container image update was not applied: " + message, 1, now, now, "update-failed:" + images, ReportingInstance));
            return;
        }

        try
        {
            await _eci.UpdateContainerGroupAsync(new UpdateContainerGroupRequest
            {
                ContainerGroupId = groupId,
                ClientToken = $"vk-upd-{Record.Uid}-{UpdateFingerprint(images)}",
                UpdateType = "RenewUpdate",
                Containers = [.. mapped.Request.Containers.Select(ForUpdate)],
                InitContainers = mapped.Request.InitContainers,
                Volumes = mapped.Request.Volumes,
                ImageRegistryCredentials = mapped.Request.ImageRegistryCredentials,
            }, ct);
        }
        catch (EciException e) when (e.Category is EciErrorCategory.IncorrectStatus or EciErrorCategory.Throttled or EciErrorCategory.Transient)
        {
            Kick(_options.RetryBaseDelay * 4); // e.g. still Pending or already Updating: try again shortly
            return;
        }
        catch (EciException e)
        {
            Record.AppliedImages = images; // do not repeat a refused update; the event says why
            await _state.WriteStateAsync(ct);
            await PostAsync(new PodEvent("Warning", "UpdateFailed", $"Updating the container images on ECI failed: {e.Code}: {e.ErrorMessage ?? e.Message}",
                1, now, now, "update-failed:" + images, ReportingInstance));
            return;
        }

        Record.AppliedImages = images;
        Record.AppliedVolumes = _pendingVolumes ?? Record.AppliedVolumes;
        _volumesDirty = false;
        await _state.WriteStateAsync(ct);
        _pod = null;
        await Poller.Track(groupId, Key, fresh: true);
        LogUpdated(_log, Key, groupId);
        await PostAsync(new PodEvent("Normal", "Updated", "Containers and mounted ConfigMap/Secret files updated on the ECI container group", 1, now, now, "updated:" + images, ReportingInstance));
    }

    /// <summary>UpdateContainerGroup takes the create's container fields minus a few creation-only ones (eci-openapi.md §3.5).</summary>
    private static ContainerDefinition ForUpdate(ContainerDefinition c) => c with
    {
        EnvironmentVarHide = null,
        SecurityContextPrivileged = null,
        SecurityContextRunAsGroup = null,
        SecurityContextRunAsNonRoot = null,
        TerminationMessagePath = null,
        TerminationMessagePolicy = null,
    };

    /// <summary>16 hex digits naming this update (images and mounted versions), so a retried update reuses its token.</summary>
    private string UpdateFingerprint(string images) =>
        Fingerprint(images + "/" + (_pendingVolumes ?? Record.AppliedVolumes))[..16];

    private static string ImagesFingerprint(V1Pod pod)
    {
        var text = new StringBuilder();
        foreach (V1Container c in (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []))
        {
            text.Append(c.Name).Append('=').Append(c.Image).Append('\n');
        }

        return Fingerprint(text.ToString());
    }

    /// <summary>SHA-256 of the text, in hex: the fingerprints persisted to tell what ECI was last sent.</summary>
    private static string Fingerprint(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [LoggerMessage(EventId = 140, Level = LogLevel.Information, Message = "Pod {PodKey}: container images updated on group {ContainerGroupId}")]
    private static partial void LogUpdated(ILogger logger, string podKey, string containerGroupId);
}
