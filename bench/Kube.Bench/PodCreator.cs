using System.Diagnostics;

namespace OrleansEci.Kube.Bench;

/// <summary>Creates the pods from concurrent clients and keeps their uids for the PATCHes' preconditions.</summary>
public static class PodCreator
{
    public static async Task<(string[] Uids, TimeSpan Elapsed, long[] Latencies)> RunAsync(KubeHttp http, int pods, int clients, CancellationToken ct)
    {
        var uids = new string[pods];
        var latencies = new long[pods];
        var next = -1;
        var start = Stopwatch.GetTimestamp();

        async Task Client()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < pods)
            {
                var sent = Stopwatch.GetTimestamp();
                uids[i] = await http.CreatePodAsync(i, ct).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - sent;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, ct))).ConfigureAwait(false);
        return (uids, Stopwatch.GetElapsedTime(start), latencies);
    }
}
