namespace OrleansEci.Emulators.Kube.Controllers.NodeLifecycle;

/// <summary>The node lifecycle and taint-based eviction controllers' options.</summary>
public sealed class NodeLifecycleOptions
{
    /// <summary>Whether the server marks silent nodes Unknown and taints nodes by condition. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether pods on nodes with NoExecute taints are evicted after their toleration seconds. Default true.</summary>
    public bool TaintEviction { get; set; } = true;

    /// <summary>How long a node may go without renewing its Lease (or posting status) before it is Unknown. Default 40 s (kube-controller-manager's --node-monitor-grace-period).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How long a new node may go without ever posting status before it is Unknown. Default 60 s (--node-startup-grace-period).</summary>
    public TimeSpan NodeStartupGracePeriod { get; set; } = TimeSpan.FromSeconds(60);

    public void Validate()
    {
        if (NodeMonitorGracePeriod <= TimeSpan.Zero || NodeStartupGracePeriod <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"Controllers:NodeLifecycle grace periods must be positive (got {NodeMonitorGracePeriod} and {NodeStartupGracePeriod}; defaults 40 s and 60 s).");
        }
    }
}
