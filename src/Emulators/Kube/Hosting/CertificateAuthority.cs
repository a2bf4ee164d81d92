using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>
/// A throw-away cluster CA made at start-up (System.Security.Cryptography's CertificateRequest), which signs the serving
/// certificate (SANs 127.0.0.1, ::1, localhost) and client certificates (e.g. for the API server's calls to kubelets).
/// Its certificate goes into the kubeconfig as certificate-authority-data.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    public CertificateAuthority(TimeProvider time)
    {
        _time = time;
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=orleans-eci-local-ca", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        Certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    private readonly TimeProvider _time;

    /// <summary>The CA certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM, for kubeconfig files and client trust.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>A serving certificate for 127.0.0.1, ::1 and localhost (plus <paramref name="extraNames"/>).</summary>
    public X509Certificate2 IssueServingCertificate(params string[] extraNames)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        foreach (var name in extraNames)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        return Issue("CN=kube-apiserver", san.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    /// <summary>A client certificate (e.g. CN=kube-apiserver-kubelet-client, O=system:masters) for mutual TLS.</summary>
    public X509Certificate2 IssueClientCertificate(string commonName, string? organization = null) =>
        Issue(organization is null ? $"CN={commonName}" : $"CN={commonName}, O={organization}", null, new Oid("1.3.6.1.5.5.7.3.2"));

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private X509Certificate2 Issue(string subject, X509Extension? san, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        var now = _time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, now.AddDays(-1), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
