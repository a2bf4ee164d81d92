using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Microsoft.Extensions.Options;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>
/// The serving certificate (configured PEM files, or a self-signed one whose SANs cover the node names and addresses,
/// as the kubelet makes when it has no <c>--tls-cert-file</c>) and the client CA bundle client certificates must chain to.
/// </summary>
public sealed class KubeletCertificates : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    public KubeletCertificates(IOptions<KubeletApiOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var o = options.Value;
        ServingCertificate = o.ServingCertificatePath is { } certPath && o.ServingKeyPath is { } keyPath
            ? Usable(X509Certificate2.CreateFromPemFile(certPath, keyPath))
            : SelfSigned([.. o.NodeNames, .. o.NodeAddresses], time.GetUtcNow());
        ClientAuthorities = [];
        if (o.ClientCaPath is { } caPath)
        {
            ClientAuthorities.ImportFromPemFile(caPath);
        }
        else if (!string.IsNullOrWhiteSpace(o.ClientCaPem))
        {
            ClientAuthorities.ImportFromPem(o.ClientCaPem);
        }

        if (ClientAuthorities.Count == 0)
        {
            throw new InvalidOperationException("KubeletApi client CA bundle holds no certificate. Check ClientCaPath (PEM, BEGIN CERTIFICATE blocks).");
        }
    }

    /// <summary>What Kestrel presents.</summary>
    public X509Certificate2 ServingCertificate { get; }

    /// <summary>The CAs a client certificate must chain to.</summary>
    public X509Certificate2Collection ClientAuthorities { get; }

    public void Dispose()
    {
        ServingCertificate.Dispose();
        foreach (var ca in ClientAuthorities)
        {
            ca.Dispose();
        }
    }

    /// <summary>A self-signed serving certificate for <paramref name="names"/> plus localhost and the loopback addresses, valid a year.</summary>
    public static X509Certificate2 SelfSigned(IEnumerable<string> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal))
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

        var request = new CertificateRequest("CN=orleans-eci-kubelet", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return Usable(certificate);
    }

    // A PKCS#12 round trip makes the key usable by SslStream on every platform (ephemeral keys are not, on some).
    private static X509Certificate2 Usable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
