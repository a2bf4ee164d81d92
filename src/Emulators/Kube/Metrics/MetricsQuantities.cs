using System.Globalization;

namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>
/// How metrics-server writes usage: CPU as <c>resource.NewScaledQuantity(nanocores, -9)</c> and memory as a BinarySI
/// quantity, both in canonical form (<c>250m</c>, <c>1234567n</c>, <c>10Mi</c>), and the window as Go's Duration text.
/// </summary>
public static class MetricsQuantities
{
    public static string Cpu(long nanoCores) =>
        nanoCores % 1_000_000_000 == 0 ? (nanoCores / 1_000_000_000).ToString(CultureInfo.InvariantCulture)
        : nanoCores % 1_000_000 == 0 ? (nanoCores / 1_000_000).ToString(CultureInfo.InvariantCulture) + "m"
        : nanoCores % 1_000 == 0 ? (nanoCores / 1_000).ToString(CultureInfo.InvariantCulture) + "u"
        : nanoCores.ToString(CultureInfo.InvariantCulture) + "n";

    public static string Memory(long bytes)
    {
        string[] suffixes = ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"];
        for (var i = 0; i < suffixes.Length; i++)
        {
            var unit = 1L << (10 * (suffixes.Length - i));
            if (bytes != 0 && bytes % unit == 0)
            {
                return (bytes / unit).ToString(CultureInfo.InvariantCulture) + suffixes[i];
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Go's time.Duration.String() for windows: <c>15s</c>, <c>15.012s</c>, <c>1m0s</c>.</summary>
    public static string Duration(TimeSpan window)
    {
        var minutes = (long)window.TotalMinutes;
        var seconds = (window - TimeSpan.FromMinutes(minutes)).TotalSeconds;
        var text = seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
        return minutes > 0 ? $"{minutes}m{text}" : text;
    }
}
