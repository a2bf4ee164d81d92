using System.Globalization;

namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>
/// Reads a kubelet's <c>/metrics/resource</c> (Prometheus text) as metrics-server does
/// (pkg/scraper/client/resource/decode.go, v0.7): only node_cpu_usage_seconds_total, node_memory_working_set_bytes,
/// container_cpu_usage_seconds_total, container_memory_working_set_bytes and container_start_time_seconds; labels
/// <c>namespace</c>, <c>pod</c>, <c>container</c>; a missing timestamp means the scrape time; zero means missing, so a
/// node or a pod with any zero reading is dropped. Hand-written: no maintained .NET package parses the text format.
/// </summary>
public static class ResourceMetricsDecoder
{
    public static (MetricPoint? Node, Dictionary<(string Namespace, string Pod), Dictionary<string, MetricPoint>> Pods) Decode(string text, DateTimeOffset scrapeTime)
    {
        double nodeCpu = 0, nodeMemory = 0;
        DateTimeOffset nodeTime = scrapeTime;
        var containers = new Dictionary<(string, string, string), (double Cpu, double Memory, DateTimeOffset Time, DateTimeOffset? Start)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !TryParse(line, scrapeTime, out var name, out var labels, out var value, out var time))
            {
                continue;
            }

            switch (name)
            {
                case "node_cpu_usage_seconds_total":
                    (nodeCpu, nodeTime) = (value, time);
                    break;
                case "node_memory_working_set_bytes":
                    nodeMemory = value;
                    break;
                case "container_cpu_usage_seconds_total" or "container_memory_working_set_bytes" or "container_start_time_seconds":
                    var key = (Label(labels, "namespace"), Label(labels, "pod"), Label(labels, "container"));
                    var current = containers.GetValueOrDefault(key, (0, 0, scrapeTime, null));
                    containers[key] = name switch
                    {
                        "container_cpu_usage_seconds_total" => current with { Cpu = value, Time = time },
                        "container_memory_working_set_bytes" => current with { Memory = value },
                        _ => current with { Start = DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000)) },
                    };
                    break;
            }
        }

        var node = nodeCpu > 0 && nodeMemory > 0 ? new MetricPoint(nodeCpu, nodeMemory, nodeTime) : null;
        var pods = new Dictionary<(string Namespace, string Pod), Dictionary<string, MetricPoint>>();
        var broken = new HashSet<(string, string)>();
        foreach (var ((ns, pod, container), sample) in containers)
        {
            if (sample.Cpu <= 0 || sample.Memory <= 0)
            {
                broken.Add((ns, pod));
                continue;
            }

            if (!pods.TryGetValue((ns, pod), out var byContainer))
            {
                pods[(ns, pod)] = byContainer = new Dictionary<string, MetricPoint>(StringComparer.Ordinal);
            }

            byContainer[container] = new MetricPoint(sample.Cpu, sample.Memory, sample.Time, sample.Start);
        }

        foreach (var key in broken)
        {
            pods.Remove(key);
        }

        return (node, pods);
    }

    private static bool TryParse(string line, DateTimeOffset scrapeTime, out string name, out string labels, out double value, out DateTimeOffset time)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var close = brace < 0 ? -1 : line.IndexOf('}', brace);
        var nameEnd = brace >= 0 ? brace : line.IndexOf(' ', StringComparison.Ordinal);
        name = nameEnd < 0 ? line : line[..nameEnd];
        labels = brace >= 0 && close > brace ? line[(brace + 1)..close] : "";
        var rest = (close > 0 ? line[(close + 1)..] : nameEnd < 0 ? "" : line[nameEnd..]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        time = scrapeTime;
        value = 0;
        if (rest.Length == 0 || !double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (rest.Length > 1 && long.TryParse(rest[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return true;
    }

    private static string Label(string labels, string name)
    {
        var marker = name + "=\"";
        var at = labels.IndexOf(marker, StringComparison.Ordinal);
        while (at > 0 && labels[at - 1] is not (',' or ' '))
        {
            at = labels.IndexOf(marker, at + 1, StringComparison.Ordinal);
        }

        if (at < 0)
        {
            return "";
        }

        var start = at + marker.Length;
        var end = labels.IndexOf('"', start);
        return end < 0 ? "" : labels[start..end];
    }
}
