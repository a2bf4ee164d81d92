using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.Exec;

/// <summary>ExecContainerCommand (eci-openapi.md §3.7).</summary>
public sealed record ExecContainerCommandRequest
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>The group. Required.</summary>
    public required string ContainerGroupId { get; init; }

    /// <summary>The container. Required.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The command (≤ 20 elements of ≤ 256 chars), sent as a JSON array. Required.</summary>
    [WireFormat(WireFormat.JsonText)]
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary><c>TTY</c>: allocate a terminal (ECI default false).</summary>
    [WireName("TTY")]
    public bool? Tty { get; init; }

    /// <summary>Attach stdin (ECI default true).</summary>
    public bool? Stdin { get; init; }

    /// <summary>Run synchronously and return the output in <c>SyncResponse</c> (TTY must be false).</summary>
    public bool? Sync { get; init; }
}
