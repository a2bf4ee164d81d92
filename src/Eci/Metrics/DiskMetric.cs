namespace OrleansEci.Eci.Metrics;

/// <summary>One block device (<c>ReadIO</c>/<c>WriteIO</c> in one action, <c>ReadIo</c>/<c>WriteIo</c> in the other; both read).</summary>
public sealed record DiskMetric
{
    /// <summary>The device.</summary>
    public string? Device { get; init; }

    /// <summary>Bytes read.</summary>
    public long? ReadBytes { get; init; }

    /// <summary>Bytes written.</summary>
    public long? WriteBytes { get; init; }

    /// <summary>Read operations.</summary>
    public long? ReadIo { get; init; }

    /// <summary>Write operations.</summary>
    public long? WriteIo { get; init; }
}
