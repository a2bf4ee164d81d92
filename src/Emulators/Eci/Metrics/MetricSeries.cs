using OrleansEci.Emulators.Eci.Groups;

namespace OrleansEci.Emulators.Eci.Metrics;

/// <summary>
/// Plausible, deterministic metric records for a group: CPU load and memory wave around a per-group level derived
/// from its id, cumulative counters grow with uptime. Only running containers use resources.
/// </summary>
internal static class MetricSeries
{
    public static List<Dictionary<string, object>> Records(ContainerGroup g, DateTimeOffset from, DateTimeOffset to, TimeSpan period, bool multi)
    {
        List<Dictionary<string, object>> records = [];
        for (DateTimeOffset t = Align(from, period); t <= to && records.Count < 2000; t += period)
        {
            if (t >= g.CreationTime)
            {
                records.Add(Record(g, t, multi));
            }
        }

        return records;
    }

    private static DateTimeOffset Align(DateTimeOffset at, TimeSpan period) => new(at.UtcTicks - (at.UtcTicks % period.Ticks), TimeSpan.Zero);

    private static Dictionary<string, object> Record(ContainerGroup g, DateTimeOffset t, bool multi)
    {
        double running = g.Containers.Count(c => c.IsRunning) / (double)Math.Max(1, g.Containers.Count);
        double seed = (uint)g.Id.GetHashCode(StringComparison.Ordinal) % 1000 / 1000.0;
        double wave = 0.5 + (0.5 * Math.Sin((t.ToUnixTimeSeconds() / 300.0) + (seed * 6.28)));
        double uptime = Math.Max(0, (t - g.CreationTime).TotalSeconds);
        double cpus = g.Placement.Spec.Cpu;
        double memBytes = g.Placement.Spec.Memory * 1024 * 1024 * 1024;
        double load = running * cpus * (0.05 + (0.25 * seed) + (0.1 * wave));
        double working = running * memBytes * (0.2 + (0.3 * seed) + (0.05 * wave));
        string readIo = multi ? "ReadIo" : "ReadIO";
        string writeIo = multi ? "WriteIo" : "WriteIO";
        return new(StringComparer.Ordinal)
        {
            ["Timestamp"] = Protocol.WireFormat.Time(t),
            ["CPU"] = Cpu(cpus, load, uptime),
            ["Memory"] = Memory(memBytes, working),
            ["Network"] = new { Interfaces = new[] { new { Name = "eth0", RxBytes = (long)(uptime * 2048 * running), RxDrops = 0, RxErrors = 0, RxPackets = (long)(uptime * 20 * running), TxBytes = (long)(uptime * 1024 * running), TxDrops = 0, TxErrors = 0, TxPackets = (long)(uptime * 12 * running) } } },
            ["Disk"] = new[] { new Dictionary<string, object> { ["Device"] = "/dev/vda", ["ReadBytes"] = (long)(uptime * 512), ["WriteBytes"] = (long)(uptime * 256), [readIo] = (long)(uptime / 4), [writeIo] = (long)(uptime / 8) } },
            ["Filesystem"] = new[] { new { FsName = "/dev/vda1", Category = "System", Available = 30L * 1024 * 1024 * 1024 - (long)(working / 4), Capacity = 30L * 1024 * 1024 * 1024, Usage = (long)(working / 4) } },
            ["Containers"] = g.Containers.Select(c => new
            {
                c.Spec.Name,
                CPU = Cpu(c.Spec.Cpu > 0 ? c.Spec.Cpu : cpus, c.IsRunning ? load / g.Containers.Count : 0, uptime),
                Memory = Memory(c.Spec.Memory > 0 ? c.Spec.Memory * 1024 * 1024 * 1024 : memBytes, c.IsRunning ? working / g.Containers.Count : 0),
            }).ToArray(),
        };
    }

    private static object Cpu(double cpus, double load, double uptime) => new
    {
        Limit = (long)(cpus * 1000),
        Load = (long)(load * 1000),
        UsageCoreNanoSeconds = (long)(load * uptime * 1e9),
        UsageNanoCores = (long)(load * 1e9),
    };

    private static object Memory(double limitBytes, double working) => new
    {
        AvailableBytes = (long)(limitBytes - working),
        Cache = (long)(working * 0.1),
        Rss = (long)(working * 0.8),
        UsageBytes = (long)(working * 1.1),
        WorkingSet = (long)working,
    };
}
