namespace OrleansEci.Emulators.Kube.Api;

/// <summary>Limits and timings of the REST API.</summary>
public sealed class ApiOptions
{
    /// <summary>Largest request body accepted; larger ones get 413. Default 3 MiB, kube-apiserver's limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>How long a watch without <c>timeoutSeconds</c> stays open. Default 30 minutes (kube-apiserver: 30–60).</summary>
    public TimeSpan DefaultWatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a watch with <c>allowWatchBookmarks=true</c> gets a BOOKMARK. Default 1 minute, as kube-apiserver.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);

    public void Validate()
    {
        if (MaxRequestBodyBytes < 1024)
        {
            throw new InvalidOperationException($"Api MaxRequestBodyBytes is {MaxRequestBodyBytes}. Set at least 1024 (the default is 3 MiB).");
        }

        if (DefaultWatchTimeout <= TimeSpan.Zero || BookmarkInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Api DefaultWatchTimeout and BookmarkInterval must be positive (defaults: 30 minutes, 1 minute).");
        }
    }
}
