namespace OrleansEci.Eci.Events;

/// <summary>An event's <c>involvedObject</c>.</summary>
public sealed record InvolvedObject
{
    /// <summary>The API version.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The kind.</summary>
    public string? Kind { get; init; }

    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The uid.</summary>
    public string? Uid { get; init; }
}
