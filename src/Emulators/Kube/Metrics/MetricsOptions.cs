namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>The built-in metrics-server: how often kubelets' <c>/metrics/resource</c> are scraped.</summary>
public sealed class MetricsOptions
{
    /// <summary>Scrape every Ready node's kubelet (false: metrics.k8s.io is served but stays empty). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Interval between scrapes (<c>--metric-resolution</c>); usage appears after two. Default 15 s, as metrics-server's manifest.</summary>
    public TimeSpan Resolution { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Limit for one kubelet's scrape. Default 10 s (metrics-server's <c>--kubelet-request-timeout</c>).</summary>
    public TimeSpan ScrapeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (Resolution < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"Metrics Resolution {Resolution} is too short. Use at least 1 s (the default is 15 s).");
        }

        if (ScrapeTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Metrics ScrapeTimeout must be positive (the default is 10 s).");
        }
    }
}
