using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansEci.Kube.Bench;

/// <summary>The results as Markdown, with the targets from the issue (≥ 5,000 status PATCHes/s, watch delivery p99 &lt; 50 ms).</summary>
public sealed class Report
{
    private readonly StringBuilder _text = new();

    public Report(BenchOptions options, string command)
    {
        Line($"# Local Kubernetes API server benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"Command: `{command}`");
        Line();
        Line($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC; " +
             "server and load driver in one process over HTTP/1.1 on 127.0.0.1 (plain HTTP, no token).");
        Line($"Load average before the run (/proc/loadavg; the machine is shared with builds): {LoadAverage()}.");
        Line($"Setup: {options.Pods:N0} pods in one namespace, {options.Clients} concurrent clients, {options.Watchers} watchers on the namespace's pods, " +
             $"controllers {(options.Controllers ? "on (as in the sandbox)" : "off")}.");
        Line();
        Line("| measurement | result | target | CPU (all cores) |");
        Line("|---|---|---|---|");
    }

    public void Row(string what, string result, string target, double cpu) =>
        Line($"| {what} | {result} | {target} | {cpu.ToString("P0", CultureInfo.InvariantCulture)} |");

    public void Note(string note)
    {
        Line();
        Line(note);
    }

    public override string ToString() => _text.ToString();

    public static string Ms(Percentiles p) => p.Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {p.P50:0.0} ms, p95 {p.P95:0.0} ms, p99 {p.P99:0.0} ms, max {p.Max:0.0} ms");

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string Met(bool met) => met ? "met" : "**missed**";

    private void Line(string text = "") => _text.Append(text).Append('\n');
}
