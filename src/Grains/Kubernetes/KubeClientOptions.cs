namespace OrleansEci.Grains.Kubernetes;

/// <summary>How the runtime talks to the API server (section <c>Kubernetes</c>).</summary>
public sealed class KubeClientOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Environment variable naming a kubeconfig file; unset means in-cluster configuration.</summary>
    public const string KubeconfigVariable = "KUBECONFIG";

    /// <summary>A kubeconfig file; null = <c>KUBECONFIG</c>, then the in-cluster service account.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>
    /// Requests per second to the API server, for every call except open watches and streams (as client-go's QPS).
    /// Default 50, the kubelet's <c>kubeAPIQPS</c> default since Kubernetes 1.27.
    /// </summary>
    public double Qps { get; set; } = 50;

    /// <summary>Burst above <see cref="Qps"/>. Default 100 (kubelet's <c>kubeAPIBurst</c>).</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Pods dispatched to pod grains at once by one node's watch. Default 64.</summary>
    public int DispatchParallelism { get; set; } = 64;

    public void Validate()
    {
        if (!(Qps > 0) || Burst < 1)
        {
            throw new InvalidOperationException($"Kubernetes:Qps ({Qps}) must be positive and Kubernetes:Burst ({Burst}) at least 1. Defaults: 50 and 100.");
        }

        if (DispatchParallelism is < 1 or > 4096)
        {
            throw new InvalidOperationException($"Kubernetes:DispatchParallelism ({DispatchParallelism}) must be between 1 and 4096. Default 64.");
        }
    }
}
