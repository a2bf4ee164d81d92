namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>Limits of the in-memory store.</summary>
public sealed class ObjectStoreOptions
{
    /// <summary>Events kept per resource type for watch resumption; older versions get 410 Gone. Default 10,000.</summary>
    public int WatchWindow { get; set; } = 10_000;

    /// <summary>Events a watcher may fall behind before it is closed (it then re-watches). Default 100,000.</summary>
    public int WatcherBuffer { get; set; } = 100_000;

    /// <summary>How long a list's continue token keeps its consistent snapshot; after that it gets 410 Expired. Default 5 minutes (etcd's compaction interval in kube-apiserver).</summary>
    public TimeSpan ContinueTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most list snapshots kept for continue tokens at once; the oldest go first. Default 256.</summary>
    public int MaxListSnapshots { get; set; } = 256;

    public void Validate()
    {
        if (WatchWindow < 1)
        {
            throw new InvalidOperationException($"Store WatchWindow is {WatchWindow}. Set it to at least 1 (the default is 10000).");
        }

        if (WatcherBuffer < 1)
        {
            throw new InvalidOperationException($"Store WatcherBuffer is {WatcherBuffer}. Set it to at least 1 (the default is 100000).");
        }

        if (MaxListSnapshots < 1)
        {
            throw new InvalidOperationException($"Store MaxListSnapshots is {MaxListSnapshots}. Set it to at least 1 (the default is 256).");
        }

        if (ContinueTokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Store ContinueTokenLifetime must be positive (the default is 5 minutes).");
        }
    }
}
