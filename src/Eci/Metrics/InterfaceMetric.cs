namespace OrleansEci.Eci.Metrics;

/// <summary>One network interface's counters.</summary>
public sealed record InterfaceMetric
{
    /// <summary>The interface.</summary>
    public string? Name { get; init; }

    /// <summary>Bytes received.</summary>
    public long? RxBytes { get; init; }

    /// <summary>Packets dropped on receive.</summary>
    public long? RxDrops { get; init; }

    /// <summary>Receive errors.</summary>
    public long? RxErrors { get; init; }

    /// <summary>Packets received.</summary>
    public long? RxPackets { get; init; }

    /// <summary>Bytes sent.</summary>
    public long? TxBytes { get; init; }

    /// <summary>Packets dropped on send.</summary>
    public long? TxDrops { get; init; }

    /// <summary>Send errors.</summary>
    public long? TxErrors { get; init; }

    /// <summary>Packets sent.</summary>
    public long? TxPackets { get; init; }
}
