namespace OrleansEci.Kube.Bench;

/// <summary>The outcome of one batch of status PATCHes: per PATCH when it was sent, when it completed, and the version it wrote.</summary>
public sealed class PatchRun
{
    public PatchRun(int count)
    {
        SentAt = new long[count];
        CompletedAt = new long[count];
        Versions = new long[count];
    }

    public long[] SentAt { get; }

    public long[] CompletedAt { get; }

    public long[] Versions { get; }

    public TimeSpan Elapsed { get; set; }

    public int Failed { get; set; }

    public double PerSecond => SentAt.Length / Elapsed.TotalSeconds;

    /// <summary>Client-observed PATCH latencies (send to response), in stopwatch ticks.</summary>
    public long[] Latencies() => [.. SentAt.Select((sent, i) => CompletedAt[i] - sent).Where(t => t > 0)];
}
