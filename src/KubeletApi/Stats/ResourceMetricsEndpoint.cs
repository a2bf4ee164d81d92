using System.Globalization;
using System.Text;

using Microsoft.AspNetCore.Http;

using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Stats;

/// <summary>
/// <c>GET /metrics/resource</c> in Prometheus text 0.0.4, with the families of kubelet's
/// pkg/kubelet/metrics/collectors/resource_metrics.go that metrics-server reads: node_, pod_ and container_ CPU
/// (cumulative core-seconds) and working-set memory, container_start_time_seconds, and scrape_error /
/// resource_scrape_error (1 alone when ECI could not be read). Sample timestamps are the ECI record's, in ms.
/// </summary>
internal static class ResourceMetricsEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task<IResult> HandleAsync(HttpContext context, NodeMetricsCollector collector)
    {
        var sample = await collector.GetAsync(KubeletRequest.Node(context), context.RequestAborted).ConfigureAwait(false);
        return Results.Text(Render(sample), ContentType);
    }

    public static string Render(NodeSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        StringBuilder text = new();
        var failed = sample.Problem is not null;
        if (!failed)
        {
            var at = sample.Pods.Count > 0 ? sample.Pods.Max(p => p.Usage.Time) : sample.Time;
            Family(text, "container_cpu_usage_seconds_total", "counter", "Cumulative cpu time consumed by the container in core-seconds",
                sample.Pods.SelectMany(p => p.Containers.Select(c => (ContainerLabels(p, c), Seconds(c.Usage.UsageCoreNanoSeconds), (DateTimeOffset?)c.Usage.Time))));
            Family(text, "container_memory_working_set_bytes", "gauge", "Current working set of the container in bytes",
                sample.Pods.SelectMany(p => p.Containers.Select(c => (ContainerLabels(p, c), (double)c.Usage.WorkingSetBytes, (DateTimeOffset?)c.Usage.Time))));
            Family(text, "container_start_time_seconds", "gauge", "Start time of the container since unix epoch in seconds",
                sample.Pods.SelectMany(p => p.Containers.Where(c => c.StartTime is not null)
                    .Select(c => (ContainerLabels(p, c), c.StartTime!.Value.ToUnixTimeMilliseconds() / 1000.0, (DateTimeOffset?)null))));
            Family(text, "node_cpu_usage_seconds_total", "counter", "Cumulative cpu time consumed by the node in core-seconds",
                [("", Seconds(sample.UsageCoreNanoSeconds), at)]);
            Family(text, "node_memory_working_set_bytes", "gauge", "Current working set of the node in bytes",
                [("", (double)sample.WorkingSetBytes, at)]);
            Family(text, "pod_cpu_usage_seconds_total", "counter", "Cumulative cpu time consumed by the pod in core-seconds",
                sample.Pods.Select(p => (PodLabels(p), Seconds(p.Usage.UsageCoreNanoSeconds), (DateTimeOffset?)p.Usage.Time)));
            Family(text, "pod_memory_working_set_bytes", "gauge", "Current working set of the pod in bytes",
                sample.Pods.Select(p => (PodLabels(p), (double)p.Usage.WorkingSetBytes, (DateTimeOffset?)p.Usage.Time)));
        }

        var error = failed ? "1" : "0";
        text.Append("# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise\n")
            .Append("# TYPE resource_scrape_error gauge\n").Append("resource_scrape_error ").Append(error).Append('\n')
            .Append("# HELP scrape_error [ALPHA] 1 if there was an error while getting container metrics, 0 otherwise\n")
            .Append("# TYPE scrape_error gauge\n").Append("scrape_error ").Append(error).Append('\n');
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value, DateTimeOffset? At)> samples)
    {
        var list = samples.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.Append("# HELP ").Append(name).Append(" [STABLE] ").Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, value, at) in list)
        {
            text.Append(name).Append(labels).Append(' ').Append(GoFloat.Format(value));
            if (at is { } t)
            {
                text.Append(' ').Append(t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }
    }

    private static double Seconds(long nanoseconds) => nanoseconds / 1e9;

    private static string ContainerLabels(PodSample p, ContainerSample c) =>
        $"{{container=\"{Escape(c.Name)}\",namespace=\"{Escape(p.Pod.Namespace)}\",pod=\"{Escape(p.Pod.Name)}\"}}";

    private static string PodLabels(PodSample p) => $"{{namespace=\"{Escape(p.Pod.Namespace)}\",pod=\"{Escape(p.Pod.Name)}\"}}";

    // Prometheus text format: backslash, double quote and newline are escaped in label values.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
