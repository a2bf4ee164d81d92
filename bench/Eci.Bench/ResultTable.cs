using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansEci.Eci.Bench;

/// <summary>Formats results as a Markdown table, with the machine and the command that produced them.</summary>
internal static class ResultTable
{
    public static string Header(BenchOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"""
        Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}
        Load average before the run (shared machine): {LoadAverage()}
        Client and local ECI service in one process over loopback HTTP; service flow control off, instant lifecycle; client token buckets and retries off.
        Command: dotnet run -c Release --project bench/Eci.Bench -- {options}

        | scenario | concurrency | calls | errors | seconds | calls/s | p50 ms | p99 ms | CPU µs/call |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|
        """);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string Row(LoadResult r)
    {
        StringBuilder row = new();
        row.Append(CultureInfo.InvariantCulture,
            $"| {r.Scenario} | {r.Concurrency} | {r.Calls} | {r.Errors} | {r.Elapsed.TotalSeconds:F1} | {r.CallsPerSecond:F0} | {r.P50.TotalMilliseconds:F2} | {r.P99.TotalMilliseconds:F2} | {r.CpuMicrosecondsPerCall:F0} |");
        if (r.FirstError is not null)
        {
            row.Append(CultureInfo.InvariantCulture, $" first error: {r.FirstError}");
        }

        return row.ToString();
    }
}
