namespace OrleansEci.KubeletApi.Metrics;

/// <summary>
/// Writes the runtime's own metrics (ECI calls, pods per phase, status lag, ...) in the Prometheus text format. The host
/// provides it (the silo's exporter); the kubelet API serves it at <c>/metrics</c>, authorized as <c>nodes/metrics</c>.
/// </summary>
public interface IRuntimeMetricsWriter
{
    /// <summary>The Content-Type of what <see cref="WriteAsync"/> writes.</summary>
    string ContentType { get; }

    Task WriteAsync(Stream output, CancellationToken cancellationToken);
}
