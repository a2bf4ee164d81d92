using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using k8s;
using k8s.Models;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Auth;

/// <summary>
/// The kubelet's authentication with anonymous access off (kubeadm's setting): a client certificate that chains to the
/// client CA names the user (CN) and groups (O), as the x509 authenticator of k8s.io/apiserver; else a bearer token is
/// checked with TokenReview (authentication.k8s.io/v1, no audiences: the API's own), its answer cached for
/// <see cref="KubeletApiOptions.AuthenticationCacheTtl"/>. A certificate that does not verify does not fail the request
/// by itself: k8s.io/apiserver's union authenticator (pkg/authentication/request/union) records the error and asks the
/// next authenticator, so a bearer token sent beside it is still reviewed. Returns null for "not authenticated", the
/// reason logged.
/// </summary>
internal sealed class KubeletAuthenticator(
    IKubernetes kubernetes,
    KubeletCertificates certificates,
    IOptions<KubeletApiOptions> options,
    TimeProvider time,
    ILogger<KubeletAuthenticator> logger)
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly TtlCache<KubeletUser?> _tokens = new(time);

    public async Task<KubeletUser?> AuthenticateAsync(HttpContext context)
    {
        if (context.Connection.ClientCertificate is { } certificate && FromCertificate(certificate) is { } user)
        {
            return user;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                KubeletApiLog.Anonymous(logger, context.Request.Path.Value ?? "/");
            }

            return null;
        }

        return await FromTokenAsync(header[7..].Trim(), context.RequestAborted).ConfigureAwait(false);
    }

    private KubeletUser? FromCertificate(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(certificates.ClientAuthorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate))
        {
            var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
            KubeletApiLog.CertificateRejected(logger, certificate.Subject, why);
            return null;
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, false);
        var groups = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.10")
            .Select(r => r.GetSingleElementValue() ?? "")
            .Where(o => o.Length > 0)
            .Append("system:authenticated")
            .ToList();
        return new KubeletUser(name, null, groups);
    }

    private async Task<KubeletUser?> FromTokenAsync(string token, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_tokens.TryGet(key, out var cached))
        {
            return cached;
        }

        var review = await kubernetes.AuthenticationV1.CreateTokenReviewAsync(
            new V1TokenReview { ApiVersion = "authentication.k8s.io/v1", Kind = "TokenReview", Spec = new V1TokenReviewSpec { Token = token } },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        KubeletUser? user = null;
        if (review.Status is { Authenticated: true, User: { } info })
        {
            user = new KubeletUser(info.Username ?? "", info.Uid, [.. info.Groups ?? []])
            {
                Extra = (info.Extra ?? new Dictionary<string, IList<string>>()).ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value], StringComparer.Ordinal),
            };
        }
        else
        {
            KubeletApiLog.TokenRejected(logger, review.Status?.Error ?? "not authenticated");
        }

        _tokens.Set(key, user, options.Value.AuthenticationCacheTtl);
        return user;
    }
}
