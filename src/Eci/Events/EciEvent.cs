namespace OrleansEci.Eci.Events;

/// <summary>A Kubernetes-style event from DescribeContainerGroupEvents.</summary>
public sealed record EciEvent
{
    /// <summary>How often.</summary>
    public int? Count { get; init; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The reason, e.g. <c>NoStock</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>The message.</summary>
    public string? Message { get; init; }

    /// <summary>First seen.</summary>
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>Last seen.</summary>
    public DateTimeOffset? LastTimestamp { get; init; }

    /// <summary>The event object's name and namespace.</summary>
    public EventMetadata? Metadata { get; init; }

    /// <summary>Who reported it.</summary>
    public EventSource? Source { get; init; }

    /// <summary>The reporting component.</summary>
    public string? ReportingComponent { get; init; }

    /// <summary>The reporting instance.</summary>
    public string? ReportingInstance { get; init; }

    /// <summary>The object it is about (wire name <c>involvedObject</c>).</summary>
    public InvolvedObject? InvolvedObject { get; init; }
}
