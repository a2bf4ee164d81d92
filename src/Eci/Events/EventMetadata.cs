namespace OrleansEci.Eci.Events;

/// <summary>An event's <c>Metadata</c>.</summary>
public sealed record EventMetadata
{
    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The namespace.</summary>
    public string? Namespace { get; init; }
}
