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

    /// <summary>
    /// Issue 5: as (a), but one virtual node over all three zones (vSwitches h, i, j, <c>VSwitchOrdered</c>); with
    /// <c>--no-stock-zone</c> that zone sells out mid-run, and the report counts the creates that failed for it.
    /// </summary>
    Zones,
}
