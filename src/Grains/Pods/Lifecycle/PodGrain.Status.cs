using System.Net;
using System.Text.Json.Nodes;

using k8s;
using k8s.Autorest;
using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;
using OrleansEci.Grains.Polling;
using OrleansEci.Grains.Pods.Status;

namespace OrleansEci.Grains.Pods.Lifecycle;

public sealed partial class PodGrain
{
    private const string ReportingInstance = "orleans-eci";

    /// <summary>Queues what the poller saw and schedules a work turn; never waits for one (interleaves).</summary>
    public Task OnGroup(GroupObservation observation)
    {
        // Only the newest status-bearing view matters; events accumulate (each is posted once).
        if (observation.Kind is GroupObservationKind.Status or GroupObservationKind.Group && _pendingGroups.Count > 0)
        {
            var kept = _pendingGroups.Where(o => o.Kind is GroupObservationKind.Events || (o.Kind is GroupObservationKind.Group && observation.Kind is GroupObservationKind.Status)).ToList();
            _pendingGroups.Clear();
            foreach (GroupObservation o in kept)
            {
                _pendingGroups.Enqueue(o);
            }
        }

        _pendingGroups.Enqueue(observation);
        Kick(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private async Task ApplyGroupAsync(GroupObservation observation)
    {
        if (observation.ContainerGroupId != Record.ContainerGroupId || Record.Stage is PodStage.Deleted)
        {
            return; // a view of a group this pod no longer owns
        }

        JournalGroupSeen(observation);

        if (observation.Kind == GroupObservationKind.Missing)
        {
            await OnGroupMissingAsync();
            return;
        }

        if (_shape is null && !await LoadShapeAsync())
        {
            return;
        }

        DateTime now = observation.ObservedAt.UtcDateTime;
        string hostIp = Node?.InternalIp ?? "";
        switch (observation.Kind)
        {
            case GroupObservationKind.Status:
                var status = EciJson.Read<ContainerGroupStatus>(observation.Json);
                _groupStatus = status.Status;
                await NoteSpotAsync(SpotNotice.From(status));
                V1PodStatus fromStatus = PodStatusMapper.FromStatus(status, Shape, hostIp);
                if (!await TakeOverAsync(status.Status, fromStatus))
                {
                    await WriteGroupStatusAsync(fromStatus, now);
                }

                break;
            case GroupObservationKind.Group:
                var group = EciJson.Read<ContainerGroup>(observation.Json);
                _groupStatus = group.Status;
                await PostAllAsync(EciEventTranslator.From(group.Events, now));
                LearnFromEvents(group.Events.Select(e => e.Reason));
                await NoteSpotAsync(SpotNotice.From(group.Events));
                V1PodStatus fromGroup = PodStatusMapper.FromGroup(group, Shape, hostIp);
                if (!await TakeOverAsync(group.Status, fromGroup))
                {
                    await WriteGroupStatusAsync(fromGroup, now);
                }

                break;
            case GroupObservationKind.Events:
                var events = EciJson.Read<List<EciEvent>>(observation.Json);
                await PostAllAsync(EciEventTranslator.From(events, now));
                LearnFromEvents(events.Select(e => e.Reason));
                await NoteSpotAsync(SpotNotice.From(events));
                break;
        }
    }

    private async Task WriteGroupStatusAsync(V1PodStatus status, DateTime now)
    {
        status = PodStatusMapper.CarryRestarts(status, Record.CarriedRestarts, Record.CarriedEndedAt?.UtcDateTime);
        if (Record.Stage == PodStage.Deleting)
        {
            // While the group terminates, show it, but never let a late Running view hide the deletion.
            status.Phase = _written?.Phase ?? status.Phase;
        }

        await WriteStatusAsync(PodStatusMapper.Stamp(status, _written, now));
    }

    /// <summary>The group vanished from ECI without our deletion: reported as Kubernetes reports a lost pod.</summary>
    private async Task OnGroupMissingAsync()
    {
        if (Record.Stage == PodStage.Deleting)
        {
            Kick(TimeSpan.Zero);
            return;
        }

        string lost = Record.ContainerGroupId ?? "?";
        await Poller.Forget(lost);
        if (_written is { } last && PodStatusMapper.IsTerminal(last))
        {
            // A finished pod's group aged out of ECI's retention (1 h, then the latest 100): nothing was lost.
            Record.ContainerGroupId = null;
            await _state.WriteStateAsync();
            return;
        }

        if (await RescheduleLostAsync(lost))
        {
            return;
        }

        Record.ContainerGroupId = null;
        Record.Stage = PodStage.Rejected;
        Record.Reason = "ContainerGroupLost";
        Record.Message = $"The ECI container group {lost} no longer exists.";
        await _state.WriteStateAsync();
        if (_shape is not null || await LoadShapeAsync())
        {
            DateTime now = _time.GetUtcNow().UtcDateTime;
            await PostAsync(new PodEvent("Warning", Record.Reason, Record.Message, 1, now, now, "lost:" + lost, ReportingInstance));
            await WriteStatusAsync(PodStatusMapper.Lost(Shape, _written, Record.Reason, Record.Message, now));
        }
    }

    /// <summary>Reads the pod from the API server when a poller call activates the grain before the watch does.</summary>
    private async Task<bool> LoadShapeAsync()
    {
        if (await ReadPodAsync() is not { } pod || pod.Metadata.Uid != Record.Uid)
        {
            return false;
        }

        _shape = PodShape.From(pod);
        _written ??= pod.Status;
        return true;
    }

    /// <summary>
    /// Writes the pod's status when it differs from what Kubernetes shows: a JSON merge patch of the whole status (lists
    /// replace, absent texts cleared) with the UID as precondition, as the kubelet's status manager does.
    /// </summary>
    private async Task WriteStatusAsync(V1PodStatus status)
    {
        status = Decorate(status);
        if (_written?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled") is { } scheduled
            && status.Conditions?.Any(c => c.Type == "PodScheduled") != true)
        {
            status.Conditions = [scheduled, .. status.Conditions ?? []];
        }

        if (PodStatusMapper.SameStatus(_written, status))
        {
            return;
        }

        var body = JsonNode.Parse(KubernetesJson.Serialize(status))!.AsObject();
        foreach (string cleared in new[] { "reason", "message", "nominatedNodeName" })
        {
            if (!body.ContainsKey(cleared))
            {
                body[cleared] = null;
            }
        }

        var patch = new JsonObject { ["metadata"] = new JsonObject { ["uid"] = Record.Uid }, ["status"] = body };
        try
        {
            await _kube.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Name, Namespace);
            _written = status;
            JournalStatusWritten(status);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // The pod is gone or was replaced: its deletion reaches the grain through the watch.
        }
    }

    private async Task PostAllAsync(IEnumerable<PodEvent> events)
    {
        foreach (PodEvent e in events)
        {
            await PostAsync(e);
        }
    }

    /// <summary>
    /// Posts an event once, in the background (never holding the grain's turn): the event's name comes from its key, so
    /// a repeat after reactivation is a 409.
    /// </summary>
    private Task PostAsync(PodEvent e)
    {
        if (_shape is null || !_postedEvents.Add(e.Key))
        {
            return Task.CompletedTask;
        }

        JournalEvent(e);
        _events.Post(Namespace, EciEventTranslator.ToKubernetes(e, _shape, Record.NodeName, ReportingInstance));
        return Task.CompletedTask;
    }
}
