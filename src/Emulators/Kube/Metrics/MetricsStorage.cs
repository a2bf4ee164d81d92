namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>
/// The last two readings per node and per container, and usage computed from them, as metrics-server's storage
/// (pkg/storage/node.go, pod.go): CPU is the rate between the two cumulative readings, memory the newest working set;
/// a container restarted since the last reading starts over; a container younger than one resolution gets a first
/// rate from its start time. A pod is reported only when every container has two readings.
/// </summary>
public sealed class MetricsStorage
{
    /// <summary>metrics-server's freshContainerMinMetricsResolution.</summary>
    private static readonly TimeSpan FreshContainerMinResolution = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (MetricPoint Last, MetricPoint? Prev)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Pod), (string Node, Dictionary<string, (MetricPoint Last, MetricPoint? Prev)> Containers)> _pods = [];
    private readonly TimeSpan _resolution;

    public MetricsStorage(MetricsOptions options)
    {
        _resolution = options.Resolution;
    }

    /// <summary>Stores one scrape of <paramref name="node"/>; its pods not in this scrape are forgotten.</summary>
    public void Store(string node, MetricPoint? nodePoint, IReadOnlyDictionary<(string Namespace, string Pod), Dictionary<string, MetricPoint>> pods)
    {
        lock (_gate)
        {
            if (nodePoint is null)
            {
                _nodes.Remove(node);
            }
            else
            {
                var previous = _nodes.TryGetValue(node, out var stored) ? stored : default;
                _nodes[node] = (nodePoint, previous.Last is { } last && nodePoint.Timestamp > last.Timestamp ? last : previous.Prev);
            }

            foreach (var key in _pods.Where(p => p.Value.Node == node && !pods.ContainsKey(p.Key)).Select(p => p.Key).ToList())
            {
                _pods.Remove(key);
            }

            foreach (var (key, containers) in pods)
            {
                var old = _pods.TryGetValue(key, out var o) ? o.Containers : null;
                _pods[key] = (node, containers.ToDictionary(c => c.Key, c => (c.Value, Previous(c.Value, old?.GetValueOrDefault(c.Key))), StringComparer.Ordinal));
            }
        }
    }

    /// <summary>The node's usage (CPU in nanocores, memory in bytes), its timestamp and window; null until two readings exist.</summary>
    public Usage? Node(string node)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(node, out var points) && points.Prev is { } prev ? Compute(points.Last, prev) : null;
        }
    }

    /// <summary>Per-container usage of a pod; null unless every container has two readings.</summary>
    public IReadOnlyList<(string Container, Usage Usage)>? Pod(string ns, string pod)
    {
        lock (_gate)
        {
            if (!_pods.TryGetValue((ns, pod), out var stored))
            {
                return null;
            }

            var result = new List<(string, Usage)>();
            foreach (var (container, (last, prev)) in stored.Containers.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                if (prev is null || Compute(last, prev) is not { } usage)
                {
                    return null;
                }

                result.Add((container, usage));
            }

            return result;
        }
    }

    private MetricPoint? Previous(MetricPoint point, (MetricPoint Last, MetricPoint? Prev)? old)
    {
        if (point.StartTime is { } start && start < point.Timestamp && point.Timestamp - start < _resolution
            && point.Timestamp - start >= FreshContainerMinResolution)
        {
            return point with { Timestamp = start, CpuCoreSeconds = 0 };
        }

        if (old is not { } stored || (point.StartTime is { } started && started >= stored.Last.Timestamp))
        {
            return null;
        }

        if (point.Timestamp > stored.Last.Timestamp)
        {
            return stored.Last;
        }

        return stored.Prev is { } prev && prev.Timestamp < point.Timestamp ? prev : null;
    }

    private static Usage? Compute(MetricPoint last, MetricPoint prev)
    {
        var window = last.Timestamp - prev.Timestamp;
        var cpu = last.CpuCoreSeconds - prev.CpuCoreSeconds;
        if (window <= TimeSpan.Zero || cpu < 0)
        {
            return null;
        }

        return new Usage((long)Math.Round(cpu / window.TotalSeconds * 1e9), (long)last.MemoryBytes, last.Timestamp, window);
    }

    /// <summary>CPU in nanocores, memory working set in bytes, the newest reading's time, and the window the rate covers.</summary>
    public sealed record Usage(long NanoCores, long MemoryBytes, DateTimeOffset Timestamp, TimeSpan Window);
}
