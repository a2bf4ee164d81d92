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
    /// Requests per second to the API server, for every call except open watches and events (as client-go's QPS).
    /// Default 100: the kubelet's <c>kubeAPIQPS</c> is 50 per node since Kubernetes 1.27, and one runtime serves several.
    /// </summary>
    public double Qps { get; set; } = 100;

    /// <summary>Burst above <see cref="Qps"/>. Default 200.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>
    /// Events posted per second, a budget of their own as the kubelet's <c>eventRecordQPS</c> (default 50, burst 100),
    /// so a storm of ECI events never delays a status write.
    /// </summary>
    public double EventQps { get; set; } = 50;

    /// <summary>Burst above <see cref="EventQps"/>. Default 100.</summary>
    public int EventBurst { get; set; } = 100;

    /// <summary>Pods dispatched to pod grains at once by one node's watch. Default 64.</summary>
    public int DispatchParallelism { get; set; } = 64;

    public void Validate()
    {
        if (!(Qps > 0) || Burst < 1 || !(EventQps > 0) || EventBurst < 1)
        {
            throw new InvalidOperationException(
                $"Kubernetes:Qps ({Qps}) and Kubernetes:EventQps ({EventQps}) must be positive, Kubernetes:Burst ({Burst}) and Kubernetes:EventBurst ({EventBurst}) at least 1. Defaults: 100, 50, 200, 100.");
        }

        if (DispatchParallelism is < 1 or > 4096)
        {
            throw new InvalidOperationException($"Kubernetes:DispatchParallelism ({DispatchParallelism}) must be between 1 and 4096. Default 64.");
        }
    }
}
