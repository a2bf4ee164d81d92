using System.Diagnostics;

namespace OrleansEci.Kube.Bench;

/// <summary>Sends status PATCHes round-robin over the pods from concurrent clients, as fast as possible or paced to a rate.</summary>
public static class StatusPatcher
{
    private static long _sequence;

    /// <param name="rate">PATCHes per second, or 0 for as fast as the clients go.</param>
    public static async Task<PatchRun> RunAsync(KubeHttp http, IReadOnlyList<string> uids, int count, int clients, int rate, CancellationToken ct)
    {
        var run = new PatchRun(count);
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        var failed = 0;

        async Task Client()
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < count)
            {
                if (rate > 0)
                {
                    var due = start + (long)(k * (double)Stopwatch.Frequency / rate);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, ct).ConfigureAwait(false);
                    }
                }

                var pod = k % uids.Count;
                run.SentAt[k] = Stopwatch.GetTimestamp();
                try
                {
                    run.Versions[k] = await http.PatchStatusAsync(pod, uids[pod], Interlocked.Increment(ref _sequence), ct).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    if (Interlocked.Increment(ref failed) <= 3)
                    {
                        Console.Error.WriteLine($"PATCH {k} failed: {e.Message}");
                    }
                }

                run.CompletedAt[k] = Stopwatch.GetTimestamp();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, ct))).ConfigureAwait(false);
        run.Elapsed = Stopwatch.GetElapsedTime(start);
        run.Failed = failed;
        return run;
    }
}
