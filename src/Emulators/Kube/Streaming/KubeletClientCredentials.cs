using System.Security.Cryptography.X509Certificates;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// The client certificate the API server presents to kubelets (kubeadm's <c>apiserver-kubelet-client.crt</c>:
/// CN=kube-apiserver-kubelet-client, O=system:masters), issued by the cluster CA at start-up. A kubelet trusts it by
/// trusting <see cref="CertificateAuthorityPem"/> (its <c>--client-ca-file</c>).
/// </summary>
public sealed class KubeletClientCredentials : IDisposable
{
    public const string CommonName = "kube-apiserver-kubelet-client";

    public KubeletClientCredentials(CertificateAuthority ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        Certificate = ca.IssueClientCertificate(CommonName, "system:masters");
        CertificateAuthorityPem = ca.CertificatePem;
    }

    /// <summary>The client certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate alone, as PEM (no key).</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>The CA that issued it: what a kubelet's <c>--client-ca-file</c> holds.</summary>
    public string CertificateAuthorityPem { get; }

    public void Dispose() => Certificate.Dispose();
}
