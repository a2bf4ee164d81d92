using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using k8s;
using k8s.Autorest;
using k8s.Models;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>
/// The CA that signs every silo's generated webhook certificate, shared through a Secret so that all silos behind the
/// webhook Service present certificates vk-webhook's one caBundle trusts (a CA per silo would have each silo overwrite
/// the caBundle and the API server refuse the others). The first silo creates the Secret; the others, and restarts, read
/// it (a 409 from a concurrent first silo is answered by reading the winner's).
/// </summary>
public static class WebhookCertificateAuthority
{
    public const string CertificateKey = "ca.crt";
    public const string PrivateKeyKey = "ca.key";

    /// <summary>The CA (with its private key) from Secret <paramref name="ns"/>/<paramref name="name"/>, created when absent.</summary>
    public static async Task<X509Certificate2> LoadOrCreateAsync(IKubernetes kube, string ns, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kube);
        if (await ReadAsync(kube, ns, name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        using X509Certificate2 ca = WebhookCertificates.CreateAuthority(now);
        using ECDsa key = ca.GetECDsaPrivateKey()!;
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "orleans-eci" },
            },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]>
            {
                [CertificateKey] = Encoding.UTF8.GetBytes(ca.ExportCertificatePem()),
                [PrivateKeyKey] = Encoding.UTF8.GetBytes(key.ExportPkcs8PrivateKeyPem()),
            },
        };
        try
        {
            await kube.CoreV1.CreateNamespacedSecretAsync(secret, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // another silo created it first: use theirs
        }

        return await ReadAsync(kube, ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Secret {ns}/{name} with the webhook CA was created but cannot be read back.");
    }

    private static async Task<X509Certificate2?> ReadAsync(IKubernetes kube, string ns, string name, CancellationToken cancellationToken)
    {
        V1Secret secret;
        try
        {
            secret = await kube.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (secret.Data?.TryGetValue(CertificateKey, out byte[]? certificate) != true || secret.Data?.TryGetValue(PrivateKeyKey, out byte[]? privateKey) != true)
        {
            throw new InvalidOperationException($"Secret {ns}/{name} lacks {CertificateKey} or {PrivateKeyKey}. Delete it and the silos create a new CA, or fill both with a PEM CA and its key.");
        }

        return X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(certificate!), Encoding.UTF8.GetString(privateKey!));
    }
}
