using System.Text;
using System.Text.Json;

using k8s;
using k8s.Models;

using OrleansEci.Grains.Diagnostics;
using OrleansEci.Grains.Pods.Journal;
using OrleansEci.Grains.Pods.Status;

namespace OrleansEci.Grains.Pods.Lifecycle;

/// <summary>
/// The pod grain's lifecycle journal (<see cref="IPodJournalGrain"/>) and its row in the node's pod index. The other
/// partial files call the one-line <c>Journal*</c> hooks below; ECI calls are journaled by <see cref="JournalingEciClient"/>.
/// </summary>
public sealed partial class PodGrain : IPodJournalGrain
{
    private readonly PodJournal _journal = new();
    private DateTimeOffset _activatedAt;
    private DateTimeOffset? _firstSeen;
    private PodSummary? _published;
    private string? _eciView;
    private DateTimeOffset? _eciViewAt;
    private DateTimeOffset? _statusCause;
    private string? _zone;

    public Task<PodJournalView> GetJournal() => Task.FromResult(new PodJournalView(Summary(_time.GetUtcNow()), NullIfEmpty(Record.Uid), Record.Reason,
        Record.Message, Record.NextAttemptAt, _activatedAt, _journal.Entries(), _journal.Dropped, _eciView, _eciViewAt,
        _written is null ? null : KubernetesJson.Serialize(_written)));

    /// <summary>
    /// Records a zone, vSwitch or instance-type choice and why (for the zone logic: one call per decision);
    /// <paramref name="zone"/>, when given, becomes the zone the pod list shows.
    /// </summary>
    private void JournalDecision(string decision, string reason, string? zone = null)
    {
        _zone = zone ?? _zone;
        _journal.Add(new JournalEntry(_time.GetUtcNow(), JournalEntryKind.Decision, decision) { Detail = reason });
    }

    private void JournalActivated()
    {
        _activatedAt = _time.GetUtcNow();
        _journal.Add(new JournalEntry(_activatedAt, JournalEntryKind.Activation, $"Activated on silo {RuntimeIdentity}")
        {
            Detail = Record.Uid.Length == 0 ? "no persisted state" : $"persisted stage {Record.Stage}, group {Record.ContainerGroupId ?? "none"}, attempts {Record.Attempts}",
        });
    }

    /// <summary>After a work step: journals a stage change and refreshes the pod's index row when what it shows changed.</summary>
    private void JournalStep(PodStage before)
    {
        _statusCause = null;
        if (Record.Stage != before)
        {
            RuntimeMetrics.Entered(Record.Stage.ToString());
            _journal.Add(new JournalEntry(_time.GetUtcNow(), JournalEntryKind.Transition, $"{before} → {Record.Stage}")
            {
                Detail = Record.Reason is { } reason ? $"{reason}: {Record.Message}" : null,
            });
        }

        PublishRow();
    }

    private void JournalRetry(string reason, string message, DateTimeOffset? next, bool counted)
    {
        RuntimeMetrics.Retried(reason);
        DateTimeOffset now = _time.GetUtcNow();
        string when = next is { } at ? $"next attempt in {(at - now).TotalSeconds:0.#} s" : "no further attempt until the pod changes";
        _journal.Add(new JournalEntry(now, JournalEntryKind.Retry, $"{reason}: {when}")
        {
            Detail = counted ? $"attempt {Record.Attempts}: {message}" : message,
        });
    }

    private void JournalEvent(PodEvent e) =>
        _journal.Add(new JournalEntry(_time.GetUtcNow(), JournalEntryKind.Event, $"{e.Type} {e.Reason}") { Detail = e.Message, Action = e.Source });

    /// <summary>The poller's view of the group: kept as the pod page's "ECI view"; a status-bearing view starts the lag clock.</summary>
    private void JournalGroupSeen(GroupObservation observation)
    {
        if (observation.Kind is GroupObservationKind.Status or GroupObservationKind.Group)
        {
            _statusCause ??= observation.ObservedAt;
            _eciView = Encoding.UTF8.GetString(observation.Json.Span);
            _eciViewAt = observation.ObservedAt;
            _zone = ZoneOf(observation) ?? _zone;
        }
        else if (observation.Kind == GroupObservationKind.Missing)
        {
            _journal.Add(new JournalEntry(observation.ObservedAt, JournalEntryKind.Transition, $"Group {observation.ContainerGroupId} is missing from ECI"));
        }
    }

    private void JournalStatusWritten(V1PodStatus status)
    {
        DateTimeOffset now = _time.GetUtcNow();
        string lag = "";
        if (_statusCause is { } seen)
        {
            RuntimeMetrics.StatusWritten(now - seen);
            lag = $" ({(now - seen).TotalMilliseconds:0} ms after ECI's change was seen)";
            _statusCause = null;
        }

        _journal.Add(new JournalEntry(now, JournalEntryKind.KubernetesWrite, $"Pod status written: {status.Phase}{(status.Reason is { } r ? " " + r : "")}{lag}")
        {
            Detail = status.Message,
        });
    }

    private void JournalClaim(GroupClaim claim, string result)
    {
        RuntimeMetrics.Claimed(result);
        _journal.Add(new JournalEntry(_time.GetUtcNow(), JournalEntryKind.Reconcile, $"Reconcile: group {claim.ContainerGroupId} {result}")
        {
            Detail = $"claimed for pod UID {claim.PodUid} on {claim.NodeName}, ECI status {claim.Status ?? "unknown"}",
        });
        PublishRow();
    }

    private PodSummary Summary(DateTimeOffset now) => new(Key, Record.NodeName, Record.Stage.ToString(), _written?.Phase ?? "Pending",
        _zone ?? Node?.ZoneId, Record.ContainerGroupId, Record.Attempts, Record.Reason, _firstSeen ?? now, now, RuntimeIdentity);

    /// <summary>Puts the pod's row in its node's index when the list would show something new; a deleted pod's row is dropped.</summary>
    private void PublishRow()
    {
        if (Record.NodeName.Length == 0)
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        _firstSeen ??= now;
        IPodIndexGrain index = GrainFactory.GetGrain<IPodIndexGrain>(Record.NodeName);
        if (Record.Stage == PodStage.Deleted)
        {
            if (_published is not null)
            {
                _ = index.Remove(Key);
                _published = null;
            }

            return;
        }

        PodSummary row = Summary(now);
        if (_published is null || _published with { Updated = now } != row)
        {
            _published = row;
            _ = index.Put(row); // one-way: never holds the pod's turn
        }
    }

    private static string? ZoneOf(GroupObservation observation)
    {
        if (observation.Kind != GroupObservationKind.Group)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(observation.Json);
            return document.RootElement.TryGetProperty("ZoneId", out JsonElement zone) && zone.ValueKind == JsonValueKind.String ? zone.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // a malformed view is the status mapper's to report; the journal keeps the zone it knew
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
