using System.Globalization;

namespace OrleansEci.KubeletApi.Tests.Stats;

/// <summary>Prometheus text parsed back, as metrics-server's decoder reads it: name, labels, value, optional timestamp.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long? TimestampMs)
{
    public static List<PrometheusSample> Parse(string text)
    {
        List<PrometheusSample> samples = [];
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var close = line.IndexOf('}', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var name = brace > 0 && brace < space ? line[..brace] : line[..space];
            Dictionary<string, string> labels = new(StringComparer.Ordinal);
            var rest = line[(space + 1)..];
            if (brace > 0 && brace < space)
            {
                foreach (var pair in line[(brace + 1)..close].Split(','))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..eq]] = pair[(eq + 2)..^1];
                }

                rest = line[(close + 2)..];
            }

            var parts = rest.Split(' ');
            samples.Add(new PrometheusSample(name, labels, double.Parse(parts[0], CultureInfo.InvariantCulture),
                parts.Length > 1 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : null));
        }

        return samples;
    }
}
