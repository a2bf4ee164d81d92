using System.Diagnostics;

namespace OrleansEci.Kube.Bench;

/// <summary>Nearest-rank percentiles of stopwatch-tick samples, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(ticks);
        double Ms(double p) => ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Length) - 1, 0, ticks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
        return new Percentiles(ticks.Length, Ms(0.50), Ms(0.95), Ms(0.99), Ms(1.0));
    }
}
