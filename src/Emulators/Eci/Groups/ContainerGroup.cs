using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// One container group and its lifecycle (reference §4): <c>Scheduling → Pending → Running → Succeeded/Failed</c>,
/// <c>Restarting</c>, <c>Updating</c>, <c>Terminating</c>, spot <c>Expired</c>. State advances lazily: every reader
/// first calls <see cref="Advance"/> with the current time, which applies each due transition in order at the exact
/// time it was due. There are no timers, so a FakeTimeProvider drives everything and nothing runs in the background.
/// All members are guarded by <see cref="Gate"/>.
/// </summary>
internal sealed partial class ContainerGroup
{
    private const int MaxEvents = 50;
    private readonly List<GroupEvent> _events = [];

    public ContainerGroup(string id, GroupSpec spec, Placement placement, DateTimeOffset now, TimeSpan scheduling, string? clientToken, string fingerprint)
    {
        Id = id;
        Spec = spec;
        Placement = placement;
        CreationTime = now;
        StatusChangedAt = now;
        ClientToken = clientToken;
        Fingerprint = fingerprint;
        Containers = [.. spec.Containers.Select(c => new ContainerRuntime(c, false))];
        InitContainers = [.. spec.InitContainers.Select(c => new ContainerRuntime(c, true))];
        _phaseDue = now + scheduling;
        if (spec.ActiveDeadlineSeconds is long deadline)
        {
            _deadlineAt = now.AddSeconds(deadline);
        }
    }

    public Lock Gate { get; } = new();
    public string Id { get; }
    public GroupSpec Spec { get; private set; }
    public Placement Placement { get; }
    public DateTimeOffset CreationTime { get; }
    public string? ClientToken { get; }
    public string Fingerprint { get; }
    public string Status { get; private set; } = "Scheduling";
    public DateTimeOffset StatusChangedAt { get; private set; }
    public DateTimeOffset? SucceededTime { get; private set; }
    public DateTimeOffset? FailedTime { get; private set; }
    public DateTimeOffset? ExpiredTime { get; private set; }
    public List<ContainerRuntime> Containers { get; private set; }
    public List<ContainerRuntime> InitContainers { get; private set; }
    public IReadOnlyList<GroupEvent> Events => _events;

    /// <summary>Gone from the API (deleted, or Terminating finished).</summary>
    public bool Deleted { get; private set; }

    /// <summary>
    /// When anything DescribeContainerGroupStatus shows last changed: the group status or a container's state (a
    /// restart inside a Running group is a status change of the pod). <c>SinceSecond</c> filters on this; ECI's docs
    /// say only "instances whose status changed in the last N seconds" (eci-openapi.md §3.3).
    /// </summary>
    public DateTimeOffset PodStatusChangedAt
    {
        get
        {
            DateTimeOffset latest = StatusChangedAt;
            foreach (ContainerRuntime c in Containers)
            {
                latest = c.ChangedAt > latest ? c.ChangedAt.Value : latest;
            }

            foreach (ContainerRuntime c in InitContainers)
            {
                latest = c.ChangedAt > latest ? c.ChangedAt.Value : latest;
            }

            return latest;
        }
    }

    public bool IsTerminal => Status is "Succeeded" or "Failed" or "Expired" or "ScheduleFailed";

    /// <summary>When the group became terminal; retention counts from here.</summary>
    public DateTimeOffset? TerminalAt => IsTerminal ? StatusChangedAt : null;

    public ContainerRuntime? FindContainer(string name) =>
        Containers.Find(c => c.Spec.Name == name) ?? InitContainers.Find(c => c.Spec.Name == name);

    public void AddEvent(string type, string reason, string message, DateTimeOffset at, string source = "EciService")
    {
        GroupEvent? same = _events.Find(e => e.Reason == reason && e.Message == message && e.Type == type);
        if (same is not null)
        {
            same.Count++;
            same.LastTimestamp = at;
            return;
        }

        _events.Add(new GroupEvent(type, reason, message, at, source));
        if (_events.Count > MaxEvents)
        {
            _events.RemoveAt(0);
        }
    }

    private void SetStatus(string status, DateTimeOffset at)
    {
        if (Status == status)
        {
            return;
        }

        Status = status;
        StatusChangedAt = at;
    }
}
