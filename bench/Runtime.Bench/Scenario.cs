namespace OrleansEci.Runtime.Bench;

/// <summary>The three measurements of issue 4's "Benchmark" section.</summary>
internal enum Scenario
{
    /// <summary>(a) ECI's published rate limits and lifecycle timings, the runtime's ECI client paced to them.</summary>
    Limits,

    /// <summary>(b) No flow control and an instant lifecycle in the emulator, no client-side ECI buckets: the runtime's own ceiling.</summary>
    Unlimited,

    /// <summary>(c) Ramp up as (b), then published limits on, a quiet window and crash probes.</summary>
    Steady,
}
