namespace OrleansEci.Eci.Bench;

/// <summary>One scenario measured at one concurrency.</summary>
internal sealed record LoadResult(string Scenario, int Concurrency, long Calls, long Errors, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, TimeSpan Cpu, string? FirstError)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>Processor time of the whole process (client and service) per call: steadier than calls/s on a shared machine.</summary>
    public double CpuMicrosecondsPerCall => Calls == 0 ? 0 : Cpu.TotalMicroseconds / Calls;
}
