namespace OrleansEci.Eci.Status;

/// <summary>A container in <c>PodStatus.ContainerStatuses</c>.</summary>
public sealed record ContainerStatusInfo
{
    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The image.</summary>
    public string? Image { get; init; }

    /// <summary>The image id (wire name <c>ImageID</c>).</summary>
    public string? ImageId { get; init; }

    /// <summary>Ready.</summary>
    public bool? Ready { get; init; }

    /// <summary>Started.</summary>
    public bool? Started { get; init; }

    /// <summary>Restarts.</summary>
    public int? RestartCount { get; init; }

    /// <summary>The current state.</summary>
    public ContainerStateDetail? State { get; init; }

    /// <summary>The last state.</summary>
    public ContainerStateDetail? LastState { get; init; }
}
