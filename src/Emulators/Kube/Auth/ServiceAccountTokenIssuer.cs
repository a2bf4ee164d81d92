using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// Signs and checks service-account tokens: ES256 JSON Web Tokens with kube-apiserver's claims
/// (pkg/serviceaccount/claims.go: iss, sub, aud, exp, iat, nbf, jti and the <c>kubernetes.io</c> claim) under a key made
/// at start-up. Hand-written (a JWS compact serialization is a few lines) so that expiry is judged on the injected clock,
/// which Microsoft.IdentityModel's validators cannot use.
/// </summary>
public sealed class ServiceAccountTokenIssuer : IDisposable
{
    /// <summary>kube-apiserver's usual <c>--service-account-issuer</c>, also the default API audience.</summary>
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _keyId;

    public ServiceAccountTokenIssuer()
    {
        _keyId = Base64Url(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Signs <paramref name="claims"/> (the issuer is added).</summary>
    public string Sign(JsonObject claims)
    {
        claims["iss"] = Issuer;
        var header = Base64Url(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = "ES256", ["kid"] = _keyId }.ToJsonString()));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>The claims of a token this issuer signed, or null (not a JWT, another signer, another issuer).</summary>
    public JsonObject? Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject;
            if (header?["alg"]?.GetValue<string>() != "ES256" || header["kid"]?.GetValue<string>() != _keyId
                || !_key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256))
            {
                return null;
            }

            var claims = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
            return claims?["iss"]?.GetValue<string>() == Issuer ? claims : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Dispose() => _key.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
