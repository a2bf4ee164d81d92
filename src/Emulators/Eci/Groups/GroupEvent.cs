namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>An event on a container group (ECI custom events and Kubernetes-style container events).</summary>
internal sealed class GroupEvent(string type, string reason, string message, DateTimeOffset at, string source)
{
    public string Type { get; } = type;
    public string Reason { get; } = reason;
    public string Message { get; } = message;
    public string Source { get; } = source;
    public DateTimeOffset FirstTimestamp { get; } = at;
    public DateTimeOffset LastTimestamp { get; set; } = at;
    public int Count { get; set; } = 1;
}
