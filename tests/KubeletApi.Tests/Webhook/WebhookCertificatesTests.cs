using System.Security.Cryptography.X509Certificates;
using System.Text;

using k8s;
using k8s.Models;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.KubeletApi.Webhook;

namespace OrleansEci.KubeletApi.Tests.Webhook;

/// <summary>Several silos behind one webhook Service must present certificates that vk-webhook's one caBundle trusts.</summary>
public sealed class WebhookCertificatesTests
{
    [Fact]
    public async Task Constructor_TwoSilosSharingTheCaSecret_SameCaBundleAndBothChainToIt()
    {
        var kubeOptions = new KubeApiServerOptions { Https = false };
        kubeOptions.Controllers.DisableAll();
        await using var kube = await KubeApiServer.StartAsync(kubeOptions, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseUri.ToString() });
        var options = Options.Create(new WebhookOptions { CaSecretName = "orleans-eci-webhook-ca", CaSecretNamespace = "kube-system" });
        using var services = new ServiceCollection().AddSingleton<IKubernetes>(client).BuildServiceProvider();

        using var first = new WebhookCertificates(options, TimeProvider.System, services);
        using var second = new WebhookCertificates(options, TimeProvider.System, services);

        Assert.Equal(first.CaBundlePem, second.CaBundlePem);
        Assert.NotEqual(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        AssertChains(first.ServingCertificate, second.CaBundlePem);
        AssertChains(second.ServingCertificate, first.CaBundlePem);
        V1Secret secret = await client.CoreV1.ReadNamespacedSecretAsync("orleans-eci-webhook-ca", "kube-system", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(first.CaBundlePem.Trim(), Encoding.UTF8.GetString(secret.Data[WebhookCertificateAuthority.CertificateKey]).Trim());
    }

    [Fact]
    public async Task Constructor_CaSecretWithoutKey_FailsSayingHowToFix()
    {
        var kubeOptions = new KubeApiServerOptions { Https = false };
        kubeOptions.Controllers.DisableAll();
        await using var kube = await KubeApiServer.StartAsync(kubeOptions, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = kube.BaseUri.ToString() });
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "broken-ca", NamespaceProperty = "kube-system" },
            Data = new Dictionary<string, byte[]> { [WebhookCertificateAuthority.CertificateKey] = Encoding.UTF8.GetBytes("not a certificate") },
        }, "kube-system", cancellationToken: TestContext.Current.CancellationToken);
        var options = Options.Create(new WebhookOptions { CaSecretName = "broken-ca", CaSecretNamespace = "kube-system" });
        using var services = new ServiceCollection().AddSingleton<IKubernetes>(client).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => new WebhookCertificates(options, TimeProvider.System, services));

        Assert.Contains("lacks ca.crt or ca.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoSecret_OwnCaCoveringTheServiceNames()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        using var certificates = new WebhookCertificates(Options.Create(new WebhookOptions()), TimeProvider.System, services);

        string[] names = [.. certificates.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames()];
        Assert.Contains("vk-webhook.kube-system.svc", names);
        AssertChains(certificates.ServingCertificate, certificates.CaBundlePem);
    }

    private static void AssertChains(X509Certificate2 serving, string caPem)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(caPem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(serving), $"Expected serving certificate {serving.Subject} to chain to the CA bundle {roots[0].Subject}");
    }
}
