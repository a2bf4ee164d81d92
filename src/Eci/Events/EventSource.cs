namespace OrleansEci.Eci.Events;

/// <summary>An event's <c>Source</c>.</summary>
public sealed record EventSource
{
    /// <summary>The component.</summary>
    public string? Component { get; init; }

    /// <summary>The host.</summary>
    public string? Host { get; init; }
}
