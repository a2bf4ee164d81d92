namespace OrleansEci.Eci.ContainerGroups;

/// <summary>An event in DescribeContainerGroups' <c>Events</c> (e.g. <c>NoStock</c>, <c>SpotToBeReleased</c>).</summary>
public sealed record ContainerGroupEvent
{
    /// <summary>How often it happened.</summary>
    public int? Count { get; init; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The object it is about.</summary>
    public string? Name { get; init; }

    /// <summary>The reason, e.g. <c>SpotToBeReleased</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>The message.</summary>
    public string? Message { get; init; }

    /// <summary>First seen.</summary>
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>Last seen.</summary>
    public DateTimeOffset? LastTimestamp { get; init; }
}
