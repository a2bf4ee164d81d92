using System.Diagnostics;

namespace OrleansEci.Kube.Bench;

/// <summary>This process's CPU use over a phase, as a share of all cores (server and load driver together).</summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _start = Stopwatch.GetTimestamp();

    public double Share() =>
        (Process.GetCurrentProcess().TotalProcessorTime - _cpu) / Stopwatch.GetElapsedTime(_start) / Environment.ProcessorCount;
}
