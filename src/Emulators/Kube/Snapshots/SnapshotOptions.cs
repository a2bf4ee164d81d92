namespace OrleansEci.Emulators.Kube.Snapshots;

/// <summary>The optional snapshot file (standalone server: <c>--snapshot PATH</c>).</summary>
public sealed class SnapshotOptions
{
    /// <summary>Where the store's objects are saved and loaded from; null (the default) keeps state in memory only.</summary>
    public string? Path { get; set; }

    /// <summary>How often the file is rewritten while something changed; it is always written on shutdown. Default 30 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (Interval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"Snapshot Interval {Interval} is too short. Use at least 1 s (the default is 30 s).");
        }

        if (Path is { Length: 0 })
        {
            throw new InvalidOperationException("Snapshot Path is empty. Leave it unset to keep state in memory, or give a file path (--snapshot .sandbox/kube.json).");
        }
    }
}
