namespace OrleansEci.Eci.Metrics;

/// <summary>One file system.</summary>
public sealed record FilesystemMetric
{
    /// <summary>The file system.</summary>
    public string? FsName { get; init; }

    /// <summary><c>System</c>, <c>Volume</c> or <c>Other</c>.</summary>
    public string? Category { get; init; }

    /// <summary>Bytes available.</summary>
    public long? Available { get; init; }

    /// <summary>Bytes in all.</summary>
    public long? Capacity { get; init; }

    /// <summary>Bytes used.</summary>
    public long? Usage { get; init; }
}
