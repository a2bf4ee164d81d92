namespace OrleansEci.Eci.Events;

/// <summary>One group's events.</summary>
public sealed record ContainerGroupEvents
{
    /// <summary>The id.</summary>
    public string? ContainerGroupId { get; init; }

    /// <summary>The pod name.</summary>
    public string? Name { get; init; }

    /// <summary>The pod namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The pod uid (wire name <c>uuid</c>).</summary>
    public string? Uuid { get; init; }

    /// <summary>Annotations as JSON text.</summary>
    public string? Annotations { get; init; }

    /// <summary>The events.</summary>
    public IReadOnlyList<EciEvent> Events { get; init; } = [];
}
