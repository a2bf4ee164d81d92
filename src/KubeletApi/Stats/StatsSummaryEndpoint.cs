using System.Globalization;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Stats;

/// <summary>
/// <c>GET /stats/summary</c> as kubelet's stats/v1alpha1 Summary (node, then pods with podRef, containers, cpu and
/// memory); <c>only_cpu_and_memory</c> is accepted and changes nothing, as nothing else is reported. Network, volume
/// and filesystem stats are left out.
/// </summary>
internal static class StatsSummaryEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, NodeMetricsCollector collector)
    {
        var sample = await collector.GetAsync(KubeletRequest.Node(context), context.RequestAborted).ConfigureAwait(false);
        return sample.Problem is { } problem
            ? KubeletResults.ToResult(problem)
            : Results.Text(Render(sample).ToJsonString(), "application/json");
    }

    public static JsonObject Render(NodeSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var at = sample.Pods.Count > 0 ? sample.Pods.Max(p => p.Usage.Time) : sample.Time;
        var node = new JsonObject
        {
            ["nodeName"] = sample.Node,
            ["startTime"] = Time(sample.StartTime),
            ["cpu"] = Cpu(at, sample.UsageNanoCores, sample.UsageCoreNanoSeconds),
            ["memory"] = new JsonObject { ["time"] = Time(at), ["usageBytes"] = sample.UsageBytes, ["workingSetBytes"] = sample.WorkingSetBytes },
        };
        var pods = new JsonArray();
        foreach (var pod in sample.Pods)
        {
            var containers = new JsonArray();
            foreach (var c in pod.Containers)
            {
                containers.Add(new JsonObject
                {
                    ["name"] = c.Name,
                    ["startTime"] = Time(c.StartTime ?? PodStart(pod, sample)),
                    ["cpu"] = Cpu(c.Usage.Time, c.Usage.UsageNanoCores, c.Usage.UsageCoreNanoSeconds),
                    ["memory"] = Memory(c.Usage),
                });
            }

            pods.Add(new JsonObject
            {
                ["podRef"] = new JsonObject { ["name"] = pod.Pod.Name, ["namespace"] = pod.Pod.Namespace, ["uid"] = pod.Pod.Uid },
                ["startTime"] = Time(PodStart(pod, sample)),
                ["containers"] = containers,
                ["cpu"] = Cpu(pod.Usage.Time, pod.Usage.UsageNanoCores, pod.Usage.UsageCoreNanoSeconds),
                ["memory"] = Memory(pod.Usage),
            });
        }

        return new JsonObject { ["node"] = node, ["pods"] = pods };
    }

    private static DateTimeOffset PodStart(PodSample pod, NodeSample sample) =>
        pod.Pod.Pod.Status?.StartTime is DateTime start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : sample.StartTime;

    private static JsonObject Cpu(DateTimeOffset at, long nanoCores, long coreNanoSeconds) =>
        new() { ["time"] = Time(at), ["usageNanoCores"] = nanoCores, ["usageCoreNanoSeconds"] = coreNanoSeconds };

    private static JsonObject Memory(UsageSample usage)
    {
        var memory = new JsonObject { ["time"] = Time(usage.Time), ["workingSetBytes"] = usage.WorkingSetBytes };
        if (usage.UsageBytes is long used)
        {
            memory["usageBytes"] = used;
        }

        if (usage.AvailableBytes is long available)
        {
            memory["availableBytes"] = available;
        }

        if (usage.RssBytes is long rss)
        {
            memory["rssBytes"] = rss;
        }

        return memory;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
