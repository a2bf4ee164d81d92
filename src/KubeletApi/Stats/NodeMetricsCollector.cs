using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Eci;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Metrics;
using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.KubeletApi.Stats;

/// <summary>
/// Reads a node's usage with DescribeMultiContainerGroupMetric, 20 groups a call (ECI's maximum), the latest record of
/// each; one answer per node is shared by every caller for <see cref="KubeletApiOptions.StatsCacheTtl"/>, so
/// metrics-server, <c>kubectl top</c> and a <c>/stats/summary</c> scraper cost one round of calls.
/// </summary>
internal sealed class NodeMetricsCollector(IEciClient eci, IKubeletPodDirectory directory, IOptions<KubeletApiOptions> options, TimeProvider time,
    ILogger<NodeMetricsCollector> logger)
{
    /// <summary>DescribeMultiContainerGroupMetric's limit on ContainerGroupIds.</summary>
    public const int BatchSize = 20;

    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly ConcurrentDictionary<string, (Task<NodeSample> Sample, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public Task<NodeSample> GetAsync(string node, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _cache.AddOrUpdate(node,
            _ => (ReadAsync(node), now + options.Value.StatsCacheTtl),
            (_, old) => old.Expires > now ? old : (ReadAsync(node), now + options.Value.StatsCacheTtl));
        return entry.Sample.WaitAsync(cancellationToken);
    }

    // Not cancelled by one caller: the answer is shared.
    private async Task<NodeSample> ReadAsync(string node)
    {
        await Task.Yield();
        var pods = (await directory.ListPodsAsync(node, CancellationToken.None).ConfigureAwait(false))
            .Where(p => p.ContainerGroupId is not null)
            .ToList();
        var byGroup = pods.GroupBy(p => p.ContainerGroupId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        List<PodSample> samples = [];
        try
        {
            foreach (var batch in byGroup.Keys.Chunk(BatchSize))
            {
                var answer = await eci.DescribeMultiContainerGroupMetricAsync(new DescribeMultiContainerGroupMetricRequest { ContainerGroupIds = batch }).ConfigureAwait(false);
                foreach (var data in answer.MonitorDatas)
                {
                    if (data.ContainerGroupId is { } id && byGroup.TryGetValue(id, out var pod) && Sample(pod, data.Records) is { } sample)
                    {
                        samples.Add(sample);
                    }
                }
            }
        }
        catch (EciException e)
        {
            KubeletApiLog.MetricsFailed(logger, byGroup.Count, node, e);
            return new NodeSample(node, _started, time.GetUtcNow(), [], KubeletResults.FromEci(e, $"reading the metrics of node {node}"));
        }

        return new NodeSample(node, _started, time.GetUtcNow(), samples, null);
    }

    private PodSample? Sample(KubeletPod pod, IReadOnlyList<MetricRecord> records)
    {
        if (records.Where(r => r.Timestamp is not null).MaxBy(r => r.Timestamp) is not { } latest)
        {
            return null;
        }

        var at = latest.Timestamp ?? time.GetUtcNow();
        var containers = latest.Containers
            .Where(c => c.Name is not null)
            .Select(c => new ContainerSample(c.Name!, pod.StatusOf(c.Name!)?.State?.Running?.StartedAt is DateTime s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : null,
                Usage(at, c.Cpu, c.Memory)))
            .ToList();
        return new PodSample(pod, Usage(at, latest.Cpu, latest.Memory), containers);
    }

    private static UsageSample Usage(DateTimeOffset at, CpuMetric? cpu, MemoryMetric? memory) =>
        new(at, Math.Max(1, cpu?.UsageNanoCores ?? 0), Math.Max(1, cpu?.UsageCoreNanoSeconds ?? 0), Math.Max(1, memory?.WorkingSet ?? 0))
        {
            UsageBytes = memory?.UsageBytes,
            AvailableBytes = memory?.AvailableBytes,
            RssBytes = memory?.Rss,
        };
}
