using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansEci.Eci.Diagnostics;

/// <summary>
/// The ECI client's instruments (meter <see cref="MeterName"/>), recorded once per HTTP attempt by the transport, the
/// one place every ECI call passes: <c>calls</c> by action and outcome, and the attempt's latency <c>call.duration</c>
/// (in Prometheus <c>orleanseci_eci_calls</c> and <c>orleanseci_eci_call_duration</c>).
/// The outcome is <c>Ok</c>, an <see cref="Errors.EciErrorCategory"/> name (<c>Throttled</c> counts ECI's throttles), or
/// <c>Canceled</c>. The meter is process-wide: one silo runs per process in production; tests with several in-process
/// silos see their sum.
/// </summary>
public static class EciMetrics
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "OrleansEci.Eci";

    /// <summary>The outcome of an attempt that ECI answered with success.</summary>
    public const string Ok = "Ok";

    /// <summary>The outcome of an attempt cut off by its caller.</summary>
    public const string Canceled = "Canceled";

    /// <summary>The calls counter's instrument name.</summary>
    public const string CallsName = "calls";

    /// <summary>The latency histogram's instrument name (seconds).</summary>
    public const string DurationName = "call.duration";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsName, "{call}",
        "ECI OpenAPI attempts by action and outcome (Ok, Canceled or the error category; Throttled = ECI's flow control).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationName, "s",
        "Latency of ECI OpenAPI attempts by action and outcome.");

    /// <summary>Records one attempt of <paramref name="action"/> that ended in <paramref name="outcome"/> after <paramref name="elapsed"/>.</summary>
    public static void Record(string action, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "action", action }, { "outcome", outcome } };
        Calls.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
