using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>
/// The CPU and memory figures a <see cref="LocalKubelet"/> reports at <c>/metrics/resource</c>, in the kubelet's
/// Prometheus text format (pkg/kubelet/metrics/collectors/resource_metrics.go; reference/kubectl-wire.md §8): CPU as a
/// cumulative counter in core-seconds, memory as the working set in bytes, each stamped with the time it was set.
/// </summary>
public sealed class ResourceUsage
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container), ContainerSample> _containers = new();
    private readonly TimeProvider _time;
    private NodeSample? _node;

    public ResourceUsage(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Sets the node's cumulative CPU time (core-seconds) and memory working set (bytes), stamped now.</summary>
    public void SetNode(double cpuCoreSeconds, long memoryWorkingSetBytes) =>
        _node = new NodeSample(cpuCoreSeconds, memoryWorkingSetBytes, _time.GetUtcNow());

    /// <summary>Sets one container's cumulative CPU time, working set and start time, stamped now.</summary>
    public void SetContainer(string ns, string pod, string container, double cpuCoreSeconds, long memoryWorkingSetBytes, DateTimeOffset startTime) =>
        _containers[(ns, pod, container)] = new ContainerSample(cpuCoreSeconds, memoryWorkingSetBytes, startTime, _time.GetUtcNow());

    /// <summary>Forgets every container of a pod (it was deleted).</summary>
    public void RemovePod(string ns, string pod)
    {
        foreach (var key in _containers.Keys.Where(k => k.Namespace == ns && k.Pod == pod))
        {
            _containers.TryRemove(key, out _);
        }
    }

    /// <summary>The <c>/metrics/resource</c> body (Content-Type <c>text/plain; version=0.0.4</c>).</summary>
    public string Render()
    {
        var text = new StringBuilder();
        var node = _node;
        var containers = _containers.OrderBy(c => c.Key.Namespace, StringComparer.Ordinal).ThenBy(c => c.Key.Pod, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Container, StringComparer.Ordinal).ToList();
        Family(text, "container_cpu_usage_seconds_total", "Cumulative cpu time consumed by the container in core-seconds", "counter");
        foreach (var (key, sample) in containers)
        {
            Line(text, "container_cpu_usage_seconds_total", ContainerLabels(key), sample.Cpu, sample.Time);
        }

        Family(text, "container_memory_working_set_bytes", "Current working set of the container in bytes", "gauge");
        foreach (var (key, sample) in containers)
        {
            Line(text, "container_memory_working_set_bytes", ContainerLabels(key), sample.Memory, sample.Time);
        }

        Family(text, "container_start_time_seconds", "Start time of the container since unix epoch in seconds", "gauge");
        foreach (var (key, sample) in containers)
        {
            Line(text, "container_start_time_seconds", ContainerLabels(key), sample.Start.ToUnixTimeMilliseconds() / 1000.0, null);
        }

        if (node is not null)
        {
            Family(text, "node_cpu_usage_seconds_total", "Cumulative cpu time consumed by the node in core-seconds", "counter");
            Line(text, "node_cpu_usage_seconds_total", "", node.Cpu, node.Time);
            Family(text, "node_memory_working_set_bytes", "Current working set of the node in bytes", "gauge");
            Line(text, "node_memory_working_set_bytes", "", node.Memory, node.Time);
        }

        Family(text, "resource_scrape_error", "1 if there was an error while getting container metrics, 0 otherwise", "gauge");
        text.Append("resource_scrape_error 0\n");
        return text.ToString();
    }

    /// <summary>
    /// Formats as Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c>, which the Prometheus text encoder uses: the shortest
    /// digits, in exponent form (<c>1.073741824e+09</c>) when the decimal exponent is below -4 or at least 6.
    /// </summary>
    public static string GoFloat(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value == 0 ? "0" : shortest;
        }

        var text = shortest.TrimStart('-');
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var dp = (mantissa.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? dot : mantissa.Length)
            + (e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var exponent = dp - leading - 1;
        if (exponent is >= -4 and < 6)
        {
            return shortest.Contains('E', StringComparison.Ordinal)
                ? value.ToString("0.##########################", CultureInfo.InvariantCulture)
                : shortest;
        }

        var body = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return (value < 0 ? "-" : "") + body + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string ContainerLabels((string Namespace, string Pod, string Container) key) =>
        $"{{container=\"{key.Container}\",namespace=\"{key.Namespace}\",pod=\"{key.Pod}\"}}";

    private static void Family(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(" [STABLE] ").Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string labels, double value, DateTimeOffset? time)
    {
        text.Append(name).Append(labels).Append(' ').Append(GoFloat(value));
        if (time is { } t)
        {
            text.Append(' ').Append(t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }

        text.Append('\n');
    }

    private sealed record NodeSample(double Cpu, long Memory, DateTimeOffset Time);

    private sealed record ContainerSample(double Cpu, long Memory, DateTimeOffset Start, DateTimeOffset Time);
}
