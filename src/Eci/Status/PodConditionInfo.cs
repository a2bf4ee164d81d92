namespace OrleansEci.Eci.Status;

/// <summary>A pod condition; ECI spells <c>type</c>, <c>status</c>, <c>lastTransitionTime</c> in lower camel case.</summary>
public sealed record PodConditionInfo
{
    /// <summary>The type, e.g. <c>ContainerInstanceCreated</c>.</summary>
    public string? Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    public string? Status { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>Details.</summary>
    public string? Message { get; init; }
}
