namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>How a <see cref="LocalKubelet"/> listens and which node it plays.</summary>
public sealed class LocalKubeletOptions
{
    /// <summary>The Node name it serves (the Node object <see cref="LocalKubelet.NodeManifest"/> builds). Default <c>local-node</c>.</summary>
    public string NodeName { get; set; } = "local-node";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one. Default 0.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Whether callers must present a client certificate issued by the cluster CA (as a kubelet started with
    /// <c>--client-ca-file</c> requires of kube-apiserver). Default true.
    /// </summary>
    public bool RequireClientCertificate { get; set; } = true;

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"LocalKubelet Port {Port} is out of range. Use 0 to pick a free port.");
        }

        if (string.IsNullOrWhiteSpace(NodeName))
        {
            throw new InvalidOperationException("LocalKubelet NodeName is empty. Set it to the name of the Node this kubelet serves.");
        }
    }
}
