using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>One node as a scheduling cycle sees it (framework.NodeInfo): the node, what it offers, and what its pods take.</summary>
internal sealed class NodeInfo
{
    /// <summary>The node; null while only pods bound to a node not (yet) seen are known.</summary>
    public V1Node? Node { get; set; }

    public string Name => Node?.Metadata.Name ?? "";

    /// <summary><c>status.allocatable</c>.</summary>
    public ResourceSet Allocatable { get; set; } = new();

    /// <summary>The requests of every pod bound here that has not terminated (including pods just bound by this scheduler).</summary>
    public ResourceSet Requested { get; private set; } = new();

    /// <summary>As <see cref="Requested"/>, with 100m CPU and 200Mi memory for containers that request none (for scoring).</summary>
    public ResourceSet NonZeroRequested { get; private set; } = new();

    public int PodCount { get; private set; }

    /// <summary>Host ports in use: (protocol, host IP, port).</summary>
    public List<HostPort> UsedPorts { get; private set; } = [];

    public void AddPod(PodEntry pod, int sign = 1)
    {
        Requested.Add(pod.Requests, sign);
        NonZeroRequested.Add(pod.NonZeroRequests, sign);
        PodCount += sign;
        if (sign > 0)
        {
            UsedPorts.AddRange(pod.HostPorts);
        }
        else
        {
            foreach (var port in pod.HostPorts)
            {
                UsedPorts.Remove(port);
            }
        }
    }

    public NodeInfo Clone() => new()
    {
        Node = Node,
        Allocatable = Allocatable,
        Requested = Requested.Clone(),
        NonZeroRequested = NonZeroRequested.Clone(),
        PodCount = PodCount,
        UsedPorts = [.. UsedPorts],
    };
}
