using System.Diagnostics;

namespace OrleansEci.Kube.Bench;

/// <summary>
/// Opens the watchers, sends PATCHes (paced or not) and measures delivery latency per watcher and event: from the PATCH's
/// completion (its response arrived at the client) to the moment the watcher read the event's line, and, stricter, from the
/// moment the PATCH was sent. A delivery that beat the PATCH response counts as 0 from completion.
/// </summary>
public static class Fanout
{
    public static async Task<FanoutResult> RunAsync(Uri server, KubeHttp http, IReadOnlyList<string> uids, int count, BenchOptions options,
        int rate, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var from = await http.ListResourceVersionAsync(ct).ConfigureAwait(false);
        var readers = Enumerable.Range(0, options.Watchers).Select(_ => new WatchReader(server, count + 1024)).ToList();
        try
        {
            var reading = await Task.WhenAll(readers.Select(r => r.StartAsync(from, stop.Token))).ConfigureAwait(false);
            var patches = await StatusPatcher.RunAsync(http, uids, count, options.Clients, rate, ct).ConfigureAwait(false);

            var drainStart = Stopwatch.GetTimestamp();
            var expected = count - patches.Failed;
            while (readers.Any(r => r.Received < expected) && Stopwatch.GetElapsedTime(drainStart) < options.PhaseTimeout)
            {
                await Task.Delay(10, ct).ConfigureAwait(false);
            }

            var drain = Stopwatch.GetElapsedTime(drainStart);
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(reading.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            return Measure(patches, readers, (long)expected * readers.Count, drain);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private static FanoutResult Measure(PatchRun patches, List<WatchReader> readers, long expected, TimeSpan drain)
    {
        var byVersion = new Dictionary<long, int>(patches.Versions.Length);
        for (var k = 0; k < patches.Versions.Length; k++)
        {
            if (patches.Versions[k] > 0)
            {
                byVersion[patches.Versions[k]] = k;
            }
        }

        var fromCompletion = new List<long>((int)Math.Min(expected, int.MaxValue));
        var fromSend = new List<long>(fromCompletion.Capacity);
        foreach (var (version, receivedAt) in readers.SelectMany(r => r.Events))
        {
            if (byVersion.TryGetValue(version, out var k))
            {
                fromCompletion.Add(Math.Max(0, receivedAt - patches.CompletedAt[k]));
                fromSend.Add(receivedAt - patches.SentAt[k]);
            }
        }

        return new FanoutResult(patches, Percentiles.Of([.. fromCompletion]), Percentiles.Of([.. fromSend]), expected, fromCompletion.Count, drain);
    }
}
