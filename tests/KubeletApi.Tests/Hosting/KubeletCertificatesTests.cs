using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

using Microsoft.Extensions.Options;

using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Tests.Kubelet;

namespace OrleansEci.KubeletApi.Tests.Hosting;

/// <summary>The serving certificate (generated or from PEM files) and the client CA bundle.</summary>
public sealed class KubeletCertificatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static List<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        return [.. san.EnumerateDnsNames(), .. san.EnumerateIPAddresses().Select(ip => ip.ToString())];
    }

    [Fact]
    public void SelfSigned_NodeNamesAndAddresses_AreSubjectAlternativeNames()
    {
        using var certificate = KubeletCertificates.SelfSigned(["vk-a", "10.0.0.5", "vk-a.internal", ""], Now);
        var names = SubjectAlternativeNames(certificate);
        Assert.True(new[] { "vk-a", "vk-a.internal", "10.0.0.5", "localhost", "127.0.0.1" }.All(names.Contains),
            $"Expected the node names, addresses and loopback as SANs, got {string.Join(", ", names)}");
        Assert.True(certificate.HasPrivateKey, "Expected the serving certificate to carry its key");
    }

    [Fact]
    public void Constructor_PemFiles_AreLoaded()
    {
        using var ca = new CertificateAuthority(TimeProvider.System);
        using var serving = ca.IssueServingCertificate("vk-a");
        var dir = Directory.CreateTempSubdirectory("kubelet-certs-");
        try
        {
            var certPath = Path.Combine(dir.FullName, "tls.crt");
            var keyPath = Path.Combine(dir.FullName, "tls.key");
            var caPath = Path.Combine(dir.FullName, "ca.crt");
            File.WriteAllText(certPath, serving.ExportCertificatePem());
            File.WriteAllText(keyPath, serving.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(caPath, ca.CertificatePem);
            using var certificates = new KubeletCertificates(Options.Create(new KubeletApiOptions
            {
                NodeNames = ["vk-a"],
                ServingCertificatePath = certPath,
                ServingKeyPath = keyPath,
                ClientCaPath = caPath,
            }), TimeProvider.System);
            Assert.Equal(serving.Thumbprint, certificates.ServingCertificate.Thumbprint);
            Assert.Equal(ca.Certificate.Thumbprint, Assert.Single(certificates.ClientAuthorities).Thumbprint);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    public void Constructor_ClientCaWithoutCertificate_FailsSayingWhatToCheck(string pem)
    {
        var options = Options.Create(new KubeletApiOptions { NodeNames = ["vk-a"], ClientCaPem = pem + " " });
        var error = Assert.ThrowsAny<Exception>(() => new KubeletCertificates(options, TimeProvider.System));
        Assert.True(error is InvalidOperationException or System.Security.Cryptography.CryptographicException,
            $"Expected a clear start-up failure for client CA PEM \"{pem}\", got {error.GetType().Name}: {error.Message}");
    }

    [Fact]
    public async Task Server_Handshake_PresentsTheGeneratedCertificate()
    {
        await using var server = await KubeletTestServer.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port, TestContext.Current.CancellationToken);
        X509Certificate2? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            // Only looked at here, the test asserts on it below.
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return presented is not null;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, TestContext.Current.CancellationToken);
        Assert.NotNull(presented);
        using (presented)
        {
            Assert.Contains(KubeletTestServer.Node, SubjectAlternativeNames(presented));
            Assert.Contains("127.0.0.1", SubjectAlternativeNames(presented));
        }
    }
}
