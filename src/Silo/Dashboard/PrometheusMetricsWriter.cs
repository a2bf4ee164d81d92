using System.Diagnostics.Metrics;

using Prometheus;

using OrleansEci.Eci.Diagnostics;
using OrleansEci.Grains.Diagnostics;
using OrleansEci.KubeletApi.Metrics;

namespace OrleansEci.Silo.Dashboard;

/// <summary>
/// The runtime's Prometheus exposition: a registry of this host's own (never prometheus-net's process-wide default)
/// fed by prometheus-net's <see cref="MeterAdapter"/>, which listens only to our meters: the ECI client's, the pod
/// grains' (both process-wide) and this host's <see cref="RuntimeSnapshot"/> gauges (matched by meter factory scope, so
/// two hosts in one test process never mix their gauges). Observable instruments are read at scrape time. Names are
/// <c>meter_instrument</c> in snake case (<c>orleanseci_eci_calls</c>); the adapter exports .NET counters as Prometheus
/// gauges that only grow (it cannot know whether an instrument is re-created), so use <c>increase()</c>/<c>rate()</c> as on counters.
/// </summary>
internal sealed class PrometheusMetricsWriter : IRuntimeMetricsWriter, IDisposable
{
    /// <summary>Latency buckets in seconds: ECI answers in tens of milliseconds to seconds; status lag up to minutes.</summary>
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private static readonly Lazy<bool> DefaultsSuppressed = new(static () =>
    {
        // prometheus-net starts an adapter for every meter of the process on its default registry, which nobody scrapes.
        Metrics.SuppressDefaultMetrics();
        return true;
    });

    private readonly CollectorRegistry _registry;
    private readonly IDisposable _adapter;

    public PrometheusMetricsWriter(IMeterFactory meters)
    {
        _ = DefaultsSuppressed.Value;
        _registry = Metrics.NewCustomRegistry();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = _registry,
            // Without a factory of its own the adapter writes to the default registry, whatever Registry says (8.2.1).
            MetricFactory = Metrics.WithCustomRegistry(_registry),
            // The adapter drops a series idle this long (1 day is its maximum); ours have few, bounded label sets.
            MetricsExpireAfter = TimeSpan.FromDays(1),
            InstrumentFilterPredicate = instrument => instrument.Meter.Name is EciMetrics.MeterName or RuntimeMetrics.MeterName
                || (instrument.Meter.Name == RuntimeSnapshot.MeterName && ReferenceEquals(instrument.Meter.Scope, meters)),
            ResolveHistogramBuckets = _ => Buckets,
        });
    }

    public string ContentType => "text/plain; version=0.0.4; charset=utf-8";

    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    public void Dispose() => _adapter.Dispose();
}
