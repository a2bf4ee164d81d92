namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>How the API server reaches kubelets (its <c>--kubelet-*</c> flags).</summary>
public sealed class KubeletClientOptions
{
    /// <summary>
    /// Node address types tried in order (<c>--kubelet-preferred-address-types</c>). Default InternalIP, ExternalIP,
    /// Hostname: kubeadm's order. kube-apiserver's own default puts Hostname first, but virtual nodes' host names do not
    /// resolve here.
    /// </summary>
    public IReadOnlyList<string> PreferredAddressTypes { get; set; } = ["InternalIP", "ExternalIP", "Hostname"];

    /// <summary>Port used when the Node has no <c>daemonEndpoints.kubeletEndpoint.Port</c> (<c>--kubelet-port</c>). Default 10250.</summary>
    public int DefaultPort { get; set; } = 10250;

    /// <summary>
    /// PEM of the CA that signs kubelet serving certificates (<c>--kubelet-certificate-authority</c>). Default null: the
    /// serving certificate is not verified, which is kube-apiserver's behaviour when the flag is not set.
    /// </summary>
    public string? ServingCertificateAuthorityPem { get; set; }

    /// <summary>Limit for opening a connection to a kubelet (TCP and TLS). Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Ping period on SPDY connections to kubelets, as kube-apiserver's stream translator. Default 5 s.</summary>
    public TimeSpan SpdyPingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether kubelets may be dialed at addresses other than loopback (127.0.0.0/8, ::1, localhost). Default false: the
    /// local API server and every kubelet it serves run on one machine, and simulated nodes advertise addresses
    /// (e.g. 172.18.x) that must never be dialed.
    /// </summary>
    public bool AllowRemoteKubelets { get; set; }

    public void Validate()
    {
        if (PreferredAddressTypes.Count == 0)
        {
            throw new InvalidOperationException("KubeletClient PreferredAddressTypes is empty. List at least InternalIP.");
        }

        if (DefaultPort is < 1 or > 65535)
        {
            throw new InvalidOperationException($"KubeletClient DefaultPort {DefaultPort} is out of range. Use 10250.");
        }

        if (ConnectTimeout <= TimeSpan.Zero || SpdyPingInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("KubeletClient ConnectTimeout and SpdyPingInterval must be positive (defaults 30 s and 5 s).");
        }
    }
}
