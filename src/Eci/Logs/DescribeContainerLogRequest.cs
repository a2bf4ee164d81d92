namespace OrleansEci.Eci.Logs;

/// <summary>DescribeContainerLog (eci-openapi.md §3.6). No streaming: one answer holds the text.</summary>
public sealed record DescribeContainerLogRequest
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>The group. Required.</summary>
    public required string ContainerGroupId { get; init; }

    /// <summary>The container. Required.</summary>
    public required string ContainerName { get; init; }

    /// <summary>Only lines after this time.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The last N lines (ECI default 500, max 2000).</summary>
    public int? Tail { get; init; }

    /// <summary>Only lines of the last N seconds.</summary>
    public int? SinceSeconds { get; init; }

    /// <summary>At most this many bytes (1–1048576).</summary>
    public long? LimitBytes { get; init; }

    /// <summary>Prefix lines with timestamps.</summary>
    public bool? Timestamps { get; init; }

    /// <summary>The previous container's log (kubectl's --previous).</summary>
    public bool? LastTime { get; init; }
}
