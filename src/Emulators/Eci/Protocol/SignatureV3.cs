using System.Security.Cryptography;
using System.Text;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// ACS3-HMAC-SHA256 (signature v3), reference §1.6: canonical request over method, path <c>/</c>, the URL query,
/// the signed headers and the payload hash; hex HMAC-SHA256 keyed with the bare secret.
/// </summary>
internal static class SignatureV3
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <param name="method">HTTP verb.</param>
    /// <param name="query">URL query parameters.</param>
    /// <param name="headers">Every request header, name lower-case, with all its values.</param>
    /// <param name="signedHeaders">Lower-case names the client listed in <c>SignedHeaders</c>.</param>
    /// <param name="hashedPayload">The <c>x-acs-content-sha256</c> value.</param>
    public static string CanonicalRequest(
        string method,
        IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        IReadOnlyList<string> signedHeaders,
        string hashedPayload)
    {
        StringBuilder canonicalHeaders = new();
        foreach (string name in signedHeaders.Order(StringComparer.Ordinal))
        {
            IEnumerable<string> values = headers.TryGetValue(name, out IReadOnlyList<string>? v) ? v : [];
            string joined = string.Join(',', values.Select(x => x.Trim()).Order(StringComparer.Ordinal));
            canonicalHeaders.Append(name).Append(':').Append(joined).Append('\n');
        }

        return string.Join('\n',
            method,
            "/",
            PercentEncoding.Canonicalize(query),
            canonicalHeaders.ToString(),
            string.Join(';', signedHeaders.Order(StringComparer.Ordinal)),
            hashedPayload);
    }

    public static string StringToSign(string canonicalRequest) =>
        Algorithm + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    public static string Sign(string stringToSign, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Parses <c>ACS3-HMAC-SHA256 Credential=id,SignedHeaders=a;b,Signature=hex</c>.</summary>
    public static (string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature) ParseAuthorization(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw EciErrors.IncompleteSignature($"The Authorization header must start with \"{Algorithm} \".");
        }

        Dictionary<string, string> parts = new(StringComparer.Ordinal);
        foreach (string part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                parts[part[..eq]] = part[(eq + 1)..];
            }
        }

        if (!parts.TryGetValue("Credential", out string? id) || !parts.TryGetValue("SignedHeaders", out string? signed)
            || !parts.TryGetValue("Signature", out string? signature))
        {
            throw EciErrors.IncompleteSignature("The Authorization header needs Credential, SignedHeaders and Signature.");
        }

        return (id, signed.Split(';', StringSplitOptions.RemoveEmptyEntries), signature);
    }
}
