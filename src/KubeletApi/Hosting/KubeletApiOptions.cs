using System.Globalization;
using System.Net;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>
/// The kubelet HTTPS API (section <c>KubeletApi</c>). Node <c>i</c> of <see cref="NodeNames"/> is served on
/// <see cref="Port"/> + i, which is what its Node's <c>daemonEndpoints.kubeletEndpoint.Port</c> must say: the API server
/// dials a node by address and port only, so the port is how a node-wide request (stats, pods) names its node.
/// </summary>
public sealed class KubeletApiOptions
{
    public const string SectionName = "KubeletApi";

    /// <summary>Environment variable for <see cref="Port"/>.</summary>
    public const string PortVariable = "KUBELET_PORT";

    /// <summary>Address to listen on. Default 0.0.0.0 (the API server dials the node's InternalIP).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>The first node's port; 0 picks a free one (one node only). Default 10250, the kubelet's.</summary>
    public int Port { get; set; } = 10250;

    /// <summary>The virtual nodes served, in port order. At least one.</summary>
    public IList<string> NodeNames { get; set; } = [];

    /// <summary>The nodes' addresses (InternalIP, host names): SANs of the generated serving certificate.</summary>
    public IList<string> NodeAddresses { get; set; } = [];

    /// <summary>PEM serving certificate (kubelet's <c>--tls-cert-file</c>); with <see cref="ServingKeyPath"/>. Unset: a generated self-signed one.</summary>
    public string? ServingCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="ServingCertificatePath"/> (kubelet's <c>--tls-private-key-file</c>).</summary>
    public string? ServingKeyPath { get; set; }

    /// <summary>PEM bundle of CAs whose client certificates are accepted (kubelet's <c>--client-ca-file</c>).</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>The same bundle as PEM text (the sandbox passes its API server's CA); used when <see cref="ClientCaPath"/> is unset.</summary>
    public string? ClientCaPem { get; set; }

    /// <summary>How long a TokenReview answer is reused. Default 2 min (kubelet's <c>--authentication-token-webhook-cache-ttl</c>).</summary>
    public TimeSpan AuthenticationCacheTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an allowing SubjectAccessReview is reused. Default 5 min (kubelet's <c>--authorization-webhook-cache-authorized-ttl</c>).</summary>
    public TimeSpan AuthorizedCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a denying SubjectAccessReview is reused. Default 30 s (kubelet's <c>--authorization-webhook-cache-unauthorized-ttl</c>).</summary>
    public TimeSpan UnauthorizedCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one node's metrics answer is reused by <c>/stats/summary</c> and <c>/metrics/resource</c>. Default 10 s.</summary>
    public TimeSpan StatsCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest pause between two DescribeContainerLog polls of one <c>logs -f</c>. Default 2 s.</summary>
    public TimeSpan FollowPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// DescribeContainerLog calls per minute all followers of this process may make together. Default 300 of ECI's 500
    /// per minute, leaving the rest to plain <c>kubectl logs</c>; with many followers each polls less often.
    /// </summary>
    public int FollowCallsPerMinute { get; set; } = 300;

    /// <summary>Reads <see cref="PortVariable"/> when set.</summary>
    public KubeletApiOptions ApplyEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable(PortVariable) is { Length: > 0 } text)
        {
            Port = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : -1;
        }

        return this;
    }

    /// <summary>Every problem, each with how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        if (NodeNames.Count == 0 || NodeNames.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("KubeletApi:NodeNames is empty or has a blank name. List the virtual nodes this process serves.");
        }

        if (Port is < 0 or > 65535 || (Port > 0 && Port + NodeNames.Count - 1 > 65535))
        {
            problems.Add($"KubeletApi:Port {Port} is out of range (node i uses Port + i). Set {PortVariable} to 1-65535, e.g. 10250.");
        }

        if (Port == 0 && NodeNames.Count > 1)
        {
            problems.Add($"KubeletApi:Port 0 (any free port) serves one node only; {NodeNames.Count} are configured. Set {PortVariable}.");
        }

        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            problems.Add($"KubeletApi:ListenAddress \"{ListenAddress}\" is not an IP address. Use 0.0.0.0 or the pod IP.");
        }

        if ((ServingCertificatePath is null) != (ServingKeyPath is null))
        {
            problems.Add("KubeletApi:ServingCertificatePath and ServingKeyPath go together. Set both, or neither for a generated certificate.");
        }

        if (ClientCaPath is null && string.IsNullOrWhiteSpace(ClientCaPem))
        {
            problems.Add("KubeletApi:ClientCaPath is unset. Point it at the CA that signs the API server's kubelet client certificate (kubeadm: /etc/kubernetes/pki/ca.crt).");
        }

        if (AuthenticationCacheTtl < TimeSpan.Zero || AuthorizedCacheTtl < TimeSpan.Zero || UnauthorizedCacheTtl < TimeSpan.Zero || StatsCacheTtl < TimeSpan.Zero)
        {
            problems.Add("KubeletApi cache TTLs must not be negative (0 turns a cache off).");
        }

        if (FollowPollInterval <= TimeSpan.Zero || FollowCallsPerMinute < 1)
        {
            problems.Add("KubeletApi:FollowPollInterval must be positive and FollowCallsPerMinute at least 1 (defaults 2 s and 300).");
        }

        return problems;
    }
}
