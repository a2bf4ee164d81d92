using System.Diagnostics;

namespace OrleansEci.Runtime.Bench;

/// <summary>Percentiles and rates over <see cref="Stopwatch"/> ticks.</summary>
internal static class Stats
{
    public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile of sorted values; 0 when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The most events in any window of <paramref name="window"/> seconds, per second.</summary>
    public static double BestRate(IReadOnlyList<long> sortedTicks, double window)
    {
        long width = (long)(window * Stopwatch.Frequency);
        int best = 0;
        for (int start = 0, end = 0; end < sortedTicks.Count; end++)
        {
            while (sortedTicks[end] - sortedTicks[start] > width)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return best / window;
    }
}
