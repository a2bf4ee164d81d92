using System.Text;

using k8s;
using k8s.Models;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Eci;
using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Kubernetes;
using OrleansEci.Grains.Polling;
using OrleansEci.Grains.Pods.Journal;
using OrleansEci.Grains.Pods.Status;

namespace OrleansEci.Grains.Pods.Lifecycle;

/// <summary>
/// Owns one pod's container group (see <see cref="IPodGrain"/>). Calls from the watch and the poller only record what
/// they saw; the work (create, retry, delete) runs in the grain's own timer turns, one step per turn, so a slow ECI
/// call never holds up the watch. Partial files: Create, Status, Delete, Claim, Update, Volumes, Spot, Reschedule.
/// </summary>
public sealed partial class PodGrain : Grain, IPodGrain
{
    private readonly IPersistentState<PodRecord> _state;
    private readonly IEciClient _eci;
    private readonly IKubernetes _kube;
    private readonly IClusterCatalog _catalog;
    private readonly KubeEventSink _events;
    private readonly PodLifecycleOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly HashSet<string> _postedEvents = new(StringComparer.Ordinal);
    private readonly Queue<GroupObservation> _pendingGroups = new();
    private PodObservation? _pendingPod;
    private V1Pod? _pod;
    private PodShape? _shape;
    private V1PodStatus? _written;
    private string? _groupStatus;
    private IGrainTimer? _timer;
    private bool _tracked;
    private int _failedTurns;
    private IDisposable? _scope;

    public PodGrain(
        [PersistentState("pod", "pods")] IPersistentState<PodRecord> state,
        IEciClient eci,
        IKubernetes kube,
        IClusterCatalog catalog,
        KubeEventSink events,
        IOptions<PodLifecycleOptions> options,
        TimeProvider time,
        ILogger<PodGrain> log)
    {
        _state = state;
        _eci = JournalingEciClient.Wrap(eci, _journal, time); // every ECI call of the pod lands in its journal
        _kube = kube;
        _catalog = catalog;
        _events = events;
        _options = options.Value;
        _time = time;
        _log = log;
    }

    private PodRecord Record => _state.State;

    private string Key => this.GetPrimaryKeyString();

    private string Namespace => Key[..Key.IndexOf('/', StringComparison.Ordinal)];

    private string Name => Key[(Key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private IStatusPollerGrain Poller => GrainFactory.GetGrain<IStatusPollerGrain>(_catalog.ClusterId);

    private VirtualNodeSettings? Node => _catalog.Find(Record.NodeName);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _scope = _log.BeginScope(new Dictionary<string, object?> { ["Pod"] = Key, ["PodUid"] = Record.Uid, ["ContainerGroupId"] = Record.ContainerGroupId });
        _timer = this.RegisterGrainTimer(static (self, ct) => self.WorkAsync(ct), this,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        JournalActivated();
        RearmSpotTimer();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _volumeTimer?.Dispose();
        _spotTimer?.Dispose();
        _scope?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Records the newest view of the pod and schedules a work turn; never waits for one (interleaves).</summary>
    public Task Observe(PodObservation observation)
    {
        _pendingPod = observation; // a newer view of the whole object supersedes an older one
        Kick(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    /// <summary>Applies the newest pod view in a work turn (the watch's order is kept: only the latest matters).</summary>
    private async Task ApplyPodAsync(PodObservation observation)
    {
        if (observation.Deleted)
        {
            if (Record.Uid.Length == 0 || Record.Uid == observation.Uid)
            {
                await OnPodGoneAsync();
            }

            return;
        }

        if (_catalog.Find(observation.NodeName) is null)
        {
            LogForeignNode(_log, Key, observation.NodeName);
            return;
        }

        if (Record.Uid != observation.Uid)
        {
            await ReplacePodAsync(observation);
        }

        V1Pod pod = KubernetesJson.Deserialize<V1Pod>(Encoding.UTF8.GetString(observation.PodJson.Span));
        _pod = pod;
        _shape = PodShape.From(pod);
        // What Kubernetes shows now is the baseline, not what we last wrote: someone else (the node controller marking
        // pods NotReady) may have changed it, and the next status from ECI must put it right (as the kubelet compares).
        _written = pod.Status;
        if (pod.Metadata.DeletionTimestamp is not null && Record.Stage is not (PodStage.Deleting or PodStage.Deleted))
        {
            Record.Stage = PodStage.Deleting;
            await _state.WriteStateAsync();
        }

        await NoteUpdatesAsync(pod);
        WatchVolumeSources(pod);
    }

    public Task<PodGrainState> GetState() => Task.FromResult(new PodGrainState(Record.Uid, Record.NodeName, Record.Stage, Record.ContainerGroupId,
        _groupStatus, Record.Attempts, Record.Reason, Record.Message, Record.NextAttemptAt) { SpotReleaseAt = Record.SpotReleaseAt, Reschedules = Record.Reschedules });

    /// <summary>Schedules the next work turn after <paramref name="due"/> (replacing any earlier schedule).</summary>
    private void Kick(TimeSpan due)
    {
        try
        {
            _timer?.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The activation is going away; the next observation reaches its successor, which picks the work up.
        }
    }

    /// <summary>
    /// One step of whatever the pod needs now; each step schedules the next when there is one. A step that throws
    /// (grain storage unreachable while Redis restarts, a silo failing over, an unexpected answer) is tried again with
    /// capped back-off: nothing else would wake the grain before the pod's next change or the 15-minute resync.
    /// </summary>
    private async Task WorkAsync(CancellationToken timerToken)
    {
        // Not the timer's token: Orleans cancels it when the timer is re-armed, and an observation arriving mid-step
        // re-arms it (Kick). A create or delete cut off half-way would only be repeated; let each step finish.
        _ = timerToken;
        try
        {
            await WorkStepAsync(CancellationToken.None);
            _failedTurns = 0;
        }
        catch (Exception e)
        {
            _failedTurns++;
            TimeSpan retry = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(_failedTurns, 6))));
            LogTurnFailed(_log, Key, Record.Stage, retry, e);
            Kick(retry);
        }
    }

    private async Task WorkStepAsync(CancellationToken cancellationToken)
    {
        PodStage stageBefore = Record.Stage;
        if (_pendingPod is { } observed)
        {
            _pendingPod = null;
            try
            {
                await ApplyPodAsync(observed);
            }
            catch
            {
                _pendingPod ??= observed; // applied again on the retry, unless a newer view arrived meanwhile
                throw;
            }
        }

        // Peeked, then dequeued once applied: an observation whose turn failed is applied again on the retry.
        while (_pendingGroups.TryPeek(out GroupObservation? group))
        {
            await ApplyGroupAsync(group);
            _pendingGroups.TryDequeue(out _);
        }

        // The poller's routes live in memory: after this grain or the poller moved to another silo (or a Track call
        // failed while a silo was failing over), the group is routed again, with one read by id for its current status.
        if (!_tracked && Record.ContainerGroupId is { } routed && Record.Stage is PodStage.Created or PodStage.Deleting)
        {
            await Poller.Track(routed, Key, fresh: true);
            _tracked = true;
        }

        switch (Record.Stage)
        {
            case PodStage.Deleting:
                await DeleteStepAsync(cancellationToken);
                break;
            case PodStage.None or PodStage.Creating when !Parked():
                await CreateStepAsync(cancellationToken);
                break;
            case PodStage.Created:
                await UpdateStepAsync(cancellationToken);
                break;
            default:
                break;
        }

        JournalStep(stageBefore);
    }

    /// <summary>A new pod under this name (a StatefulSet replica, a re-created bare pod): the old pod's group goes first.</summary>
    private async Task ReplacePodAsync(PodObservation observation)
    {
        if (Record.Uid.Length > 0 && Record.ContainerGroupId is { } oldGroup && Record.Stage != PodStage.Deleted)
        {
            LogReplaced(_log, Key, Record.Uid, observation.Uid, oldGroup);
            await DeleteGroupQuietlyAsync(oldGroup, force: true);
        }

        _state.State = new PodRecord { Uid = observation.Uid, NodeName = observation.NodeName };
        _written = null;
        _groupStatus = null;
        _postedEvents.Clear();
        await _state.WriteStateAsync();
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "A work turn of pod {PodKey} ({Stage}) failed; trying again in {Retry}")]
    private static partial void LogTurnFailed(ILogger logger, string podKey, PodStage stage, TimeSpan retry, Exception exception);

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Pod {PodKey} is bound to node {NodeName}, which this runtime does not serve; ignored")]
    private static partial void LogForeignNode(ILogger logger, string podKey, string nodeName);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Pod {PodKey} was replaced (UID {OldUid} -> {NewUid}); deleting the old pod's group {ContainerGroupId}")]
    private static partial void LogReplaced(ILogger logger, string podKey, string oldUid, string newUid, string containerGroupId);
}
