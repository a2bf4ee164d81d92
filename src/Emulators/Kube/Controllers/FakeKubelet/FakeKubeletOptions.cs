using System.Net;

namespace OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

/// <summary>The simulated kubelet's options (nodes carrying <see cref="NodeAnnotation"/> = <see cref="NodeAnnotationValue"/>).</summary>
public sealed class FakeKubeletOptions
{
    /// <summary>The annotation that marks a node as simulated, KWOK's (https://kwok.sigs.k8s.io/docs/user/kwok-in-cluster/).</summary>
    public const string NodeAnnotation = "kwok.x-k8s.io/node";

    public const string NodeAnnotationValue = "fake";

    /// <summary>Whether the server simulates the kubelets of marked nodes. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Lease's <c>leaseDurationSeconds</c>. Default 40 s (the kubelet's nodeLeaseDurationSeconds).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How often the Lease is renewed. Default 10 s (a quarter of the lease duration, as the kubelet does).</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the node's conditions get a fresh <c>lastHeartbeatTime</c> when nothing changed. Default 5 minutes (nodeStatusReportFrequency).</summary>
    public TimeSpan NodeStatusReportInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where pod IPs come from (IPv4 CIDR, unique across simulated nodes). Default 10.244.0.0/16.</summary>
    public string PodCidr { get; set; } = "10.244.0.0/16";

    /// <summary>Whether pods owned by a Job succeed right after they start, as KWOK's pod-complete stage does. Default true.</summary>
    public bool CompleteJobPods { get; set; } = true;

    /// <summary>
    /// How long a deleted pod's simulated containers take to stop. Null (default) waits out the pod's grace period (until
    /// its deletionTimestamp), as a container ignoring SIGTERM would; TimeSpan.Zero stops at once, as KWOK does.
    /// </summary>
    public TimeSpan? TerminationDelay { get; set; }

    public void Validate()
    {
        if (LeaseDuration <= TimeSpan.Zero || RenewInterval <= TimeSpan.Zero || RenewInterval >= LeaseDuration)
        {
            throw new InvalidOperationException(
                $"Controllers:FakeKubelet RenewInterval ({RenewInterval}) must be positive and shorter than LeaseDuration ({LeaseDuration}); defaults 10 s and 40 s.");
        }

        if (NodeStatusReportInterval <= TimeSpan.Zero || TerminationDelay < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Controllers:FakeKubelet NodeStatusReportInterval must be positive and TerminationDelay not negative (defaults 5 min and null).");
        }

        var slash = PodCidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(PodCidr[..slash], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(PodCidr[(slash + 1)..], out var bits) || bits is < 8 or > 30)
        {
            throw new InvalidOperationException($"Controllers:FakeKubelet PodCidr \"{PodCidr}\" is not an IPv4 CIDR between /8 and /30. Use e.g. 10.244.0.0/16.");
        }
    }
}
