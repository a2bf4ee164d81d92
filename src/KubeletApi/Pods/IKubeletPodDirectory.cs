namespace OrleansEci.KubeletApi.Pods;

/// <summary>
/// Where the kubelet API finds pods; the silo implements it (pods from its node watches, group ids from the pod
/// grains). Answers are snapshots and may be a few seconds old; both methods are read-only and may be called often
/// (a <c>logs -f</c> asks once per poll), so they must be served from memory, not from the API server.
/// </summary>
public interface IKubeletPodDirectory
{
    /// <summary>The pods bound to <paramref name="nodeName"/>; empty for a node this process does not serve.</summary>
    Task<IReadOnlyList<KubeletPod>> ListPodsAsync(string nodeName, CancellationToken cancellationToken);

    /// <summary>The pod <paramref name="podNamespace"/>/<paramref name="podName"/> on any virtual node, or null when there is none.</summary>
    Task<KubeletPod?> FindPodAsync(string podNamespace, string podName, CancellationToken cancellationToken);
}
