namespace OrleansEci.Grains.Kubernetes;

/// <summary>Calls made to the API server by verb, for benchmarks and the runtime's metrics. Thread-safe.</summary>
public sealed class KubeRequestCounters
{
    private long _reads;
    private long _writes;
    private long _watches;
    private long _throttledWaits;
    private long _events;

    /// <summary>GET and LIST requests.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>POST, PUT, PATCH and DELETE requests.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Events posted (counted in <see cref="Writes"/> too).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Watch requests opened.</summary>
    public long Watches => Interlocked.Read(ref _watches);

    /// <summary>Requests that waited for the QPS budget.</summary>
    public long ThrottledWaits => Interlocked.Read(ref _throttledWaits);

    internal void Count(HttpMethod method, bool watch, bool isEvent, bool waited)
    {
        if (isEvent)
        {
            Interlocked.Increment(ref _events);
        }

        if (watch)
        {
            Interlocked.Increment(ref _watches);
        }
        else if (method == HttpMethod.Get)
        {
            Interlocked.Increment(ref _reads);
        }
        else
        {
            Interlocked.Increment(ref _writes);
        }

        if (waited)
        {
            Interlocked.Increment(ref _throttledWaits);
        }
    }
}
