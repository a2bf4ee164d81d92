using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using k8s;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>
/// The webhook's serving certificate and the PEM CA bundle the API server must trust for it (vk-webhook's caBundle):
/// configured PEM files, or a serving certificate generated at start-up whose SANs are the webhook Service's DNS names
/// (<see cref="WebhookOptions.ServiceDnsNames"/>) plus localhost and the loopback addresses, signed by the CA shared
/// through <see cref="WebhookOptions.CaSecretName"/> (several silos) or by a CA of this process (one silo).
/// </summary>
public sealed class WebhookCertificates : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    public WebhookCertificates(IOptions<WebhookOptions> options, TimeProvider time, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(services);
        WebhookOptions o = options.Value;
        if (o.ServingCertificatePath is { } certPath && o.ServingKeyPath is { } keyPath)
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            ServingCertificate = Usable(loaded);
            CaBundlePem = o.CaBundlePath is { } caPath ? File.ReadAllText(caPath) : File.ReadAllText(certPath);
            if (!CaBundlePem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{WebhookOptions.SectionName}:CaBundlePath ({o.CaBundlePath ?? certPath}) holds no PEM certificate. Point it at the CA that signed the serving certificate.");
            }
        }
        else if (o.CaSecretName is { Length: > 0 } secretName)
        {
            // Start-up only, before the webhook port serves: every silo must know the shared CA before it presents a certificate.
            IKubernetes kube = services.GetRequiredService<IKubernetes>();
            using X509Certificate2 ca = WebhookCertificateAuthority.LoadOrCreateAsync(kube, o.CaSecretNamespace, secretName, time.GetUtcNow(), CancellationToken.None)
                .GetAwaiter().GetResult();
            ServingCertificate = Issue(ca, o.ServiceDnsNames(), time.GetUtcNow());
            CaBundlePem = ca.ExportCertificatePem() + "\n";
        }
        else
        {
            (ServingCertificate, CaBundlePem) = Generate(o.ServiceDnsNames(), time.GetUtcNow());
        }
    }

    /// <summary>What Kestrel presents on the webhook port.</summary>
    public X509Certificate2 ServingCertificate { get; }

    /// <summary>The PEM bundle vk-webhook's caBundle carries.</summary>
    public string CaBundlePem { get; }

    public void Dispose() => ServingCertificate.Dispose();

    /// <summary>A CA valid ten years and a serving certificate it signs, valid a year, for <paramref name="dnsNames"/>.</summary>
    public static (X509Certificate2 Serving, string CaPem) Generate(IEnumerable<string> dnsNames, DateTimeOffset now)
    {
        using X509Certificate2 ca = CreateAuthority(now);
        return (Issue(ca, dnsNames, now), ca.ExportCertificatePem() + "\n");
    }

    /// <summary>A self-signed CA (with its private key), valid ten years.</summary>
    public static X509Certificate2 CreateAuthority(DateTimeOffset now)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=orleans-eci-webhook-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return Usable(ca);
    }

    /// <summary>A serving certificate for <paramref name="dnsNames"/>, localhost and loopback, signed by <paramref name="ca"/>, valid a year.</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, IEnumerable<string> dnsNames, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(dnsNames);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (string name in dnsNames.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal))
        {
            san.AddDnsName(name);
        }

        string cn = dnsNames.FirstOrDefault(n => n.EndsWith(".svc", StringComparison.Ordinal)) ?? "orleans-eci-webhook";
        var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        request.CertificateExtensions.Add(san.Build());
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, now.AddMinutes(-5), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Usable(withKey);
    }

    // A PKCS#12 round trip makes the key usable by SslStream on every platform (ephemeral keys are not, on some).
    private static X509Certificate2 Usable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
