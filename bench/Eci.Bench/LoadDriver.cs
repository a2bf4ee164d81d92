using System.Diagnostics;

namespace OrleansEci.Eci.Bench;

/// <summary>
/// Runs a scenario's call from <c>concurrency</c> workers in a closed loop (each worker starts its next call when
/// the last one answered) for a fixed duration, after an unmeasured warm-up, and reports calls/s and latency.
/// Written by hand: BenchmarkDotNet measures one operation's latency in isolation, not throughput under concurrency.
/// </summary>
internal static class LoadDriver
{
    public static async Task<LoadResult> RunAsync(Scenario scenario, BenchService service, int concurrency, BenchOptions options, CancellationToken cancellationToken)
    {
        await RunForAsync(scenario, service, concurrency, options.Warmup, cancellationToken);
        long started = Stopwatch.GetTimestamp();
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Worker[] workers = await RunForAsync(scenario, service, concurrency, options.Duration, cancellationToken);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long[] latencies = [.. workers.SelectMany(w => w.Latencies).Order()];
        return new LoadResult(scenario.Name, concurrency, latencies.Length, workers.Sum(w => w.Errors), elapsed,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), cpu, workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null));
    }

    private static async Task<Worker[]> RunForAsync(Scenario scenario, BenchService service, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        Worker[] workers = [.. Enumerable.Range(0, concurrency).Select(i => new Worker(i))];
        if (duration <= TimeSpan.Zero)
        {
            return workers;
        }

        long stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(scenario, service, stopAt, cancellationToken), cancellationToken)));
        return workers;
    }

    private static TimeSpan Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))]);

    private sealed class Worker(int index)
    {
        public List<long> Latencies { get; } = new(100_000);

        public long Errors { get; private set; }

        public string? FirstError { get; private set; }

        public async Task RunAsync(Scenario scenario, BenchService service, long stopAt, CancellationToken cancellationToken)
        {
            for (long call = 0; Stopwatch.GetTimestamp() < stopAt; call++)
            {
                long start = Stopwatch.GetTimestamp();
                try
                {
                    await scenario.Call(service, index, call, cancellationToken);
                    Latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Errors++;
                    FirstError ??= e.Message;
                }
            }
        }
    }
}
