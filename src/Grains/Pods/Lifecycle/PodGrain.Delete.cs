using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Grains.Polling;

namespace OrleansEci.Grains.Pods.Lifecycle;

public sealed partial class PodGrain
{
    /// <summary>
    /// One step of a graceful deletion: ask ECI to delete the group (it runs preStop hooks and waits up to the group's
    /// termination grace period, in status Terminating), check until it is gone, then remove the pod object with grace 0
    /// and the UID as precondition, as the kubelet does once the containers are dead. Not-found is success throughout.
    /// </summary>
    private async Task DeleteStepAsync(CancellationToken ct)
    {
        if (Record.ContainerGroupId is null && Record.Stage == PodStage.Deleting && Record.ClientToken is not null)
        {
            // A create may have happened without our knowing its id: look before declaring the pod group-less.
            Record.ContainerGroupId = await FindGroupByUidAsync(ct);
        }

        if (Record.ContainerGroupId is { } id)
        {
            if (!Record.DeleteRequested)
            {
                bool force = _pod?.Metadata?.DeletionGracePeriodSeconds == 0;
                if (!await DeleteGroupAsync(id, force, ct))
                {
                    Kick(_options.DeletionCheckInterval);
                    return;
                }

                Record.DeleteRequested = true;
                await _state.WriteStateAsync(ct);
            }

            if (await GroupExistsAsync(id, ct))
            {
                Kick(_options.DeletionCheckInterval);
                return;
            }

            await Poller.Forget(id);
        }

        await DeletePodObjectAsync(ct);
        await FinishAsync();
    }

    /// <summary>The pod object is gone from the API server (deleted with grace 0 or by us): clean up whatever is left.</summary>
    private async Task OnPodGoneAsync()
    {
        if (Record.Stage == PodStage.Deleted || (Record.Uid.Length == 0 && Record.ContainerGroupId is null))
        {
            DeactivateOnIdle();
            return;
        }

        if (Record.ContainerGroupId is null && Record.ClientToken is not null)
        {
            Record.ContainerGroupId = await FindGroupByUidAsync(CancellationToken.None);
        }

        if (Record.ContainerGroupId is { } id)
        {
            await DeleteGroupQuietlyAsync(id, force: !Record.DeleteRequested);
            await Poller.Forget(id);
        }

        await FinishAsync();
    }

    private async Task FinishAsync()
    {
        LogDeleted(_log, Key, Record.ContainerGroupId);
        ReportReleased();
        Record.Stage = PodStage.Deleted;
        await _state.ClearStateAsync();
        _state.State = new PodRecord { Stage = PodStage.Deleted };
        _pod = null;
        _shape = null;
        DeactivateOnIdle();
    }

    /// <summary>DeleteContainerGroup; true when accepted or already gone, false when ECI cannot take it yet.</summary>
    private async Task<bool> DeleteGroupAsync(string id, bool force, CancellationToken ct)
    {
        try
        {
            await _eci.DeleteContainerGroupAsync(new DeleteContainerGroupRequest { ContainerGroupId = id, Force = force ? true : null }, ct);
            return true;
        }
        catch (EciException e) when (e.Category == EciErrorCategory.NotFound)
        {
            return true;
        }
        catch (EciException e)
        {
            LogDeleteFailed(_log, Key, id, e.Category, e.Code);
            return false;
        }
    }

    /// <summary>Deletes a group no pod should keep; failures are logged and left to the next sweep's orphan check.</summary>
    private async Task DeleteGroupQuietlyAsync(string id, bool force)
    {
        try
        {
            await DeleteGroupAsync(id, force, CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            LogDeleteFailed(_log, Key, id, EciErrorCategory.Transient, e.GetType().Name);
        }
    }

    private async Task<bool> GroupExistsAsync(string id, CancellationToken ct) =>
        (await _eci.DescribeByIdsAsync([id], ct)).Any(g => g.ContainerGroupId == id);

    private async Task DeletePodObjectAsync(CancellationToken ct)
    {
        try
        {
            await _kube.CoreV1.DeleteNamespacedPodAsync(Name, Namespace,
                new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = Record.Uid } }, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or a new pod with the same name (UID precondition failed): not ours to delete.
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Pod {PodKey} deleted (container group {ContainerGroupId})")]
    private static partial void LogDeleted(ILogger logger, string podKey, string? containerGroupId);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Deleting group {ContainerGroupId} of pod {PodKey} failed ({Category} {Code}); will retry")]
    private static partial void LogDeleteFailed(ILogger logger, string podKey, string containerGroupId, EciErrorCategory category, string? code);
}
