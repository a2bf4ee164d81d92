using System.Security.Cryptography;
using System.Text;

namespace OrleansEci.Emulators.Eci.Tests.Support;

/// <summary>
/// A test-only signer, written separately from the emulator's verifier and from src/Eci, so a shared misreading of
/// the algorithm cannot hide; it is checked against the published vectors in SignatureVectorTests.
/// </summary>
internal static class TestSigner
{
    public static string Encode(string s)
    {
        StringBuilder sb = new();
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            bool unreserved = c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~';
            sb.Append(unreserved ? c.ToString() : "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    public static string Canonical(IEnumerable<KeyValuePair<string, string>> p) =>
        string.Join("&", p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Encode(kv.Key) + "=" + Encode(kv.Value)));

    public static string V1(string method, IEnumerable<KeyValuePair<string, string>> parameters, string secret)
    {
        string toSign = method + "&" + Encode("/") + "&" + Encode(Canonical(parameters));
#pragma warning disable CA5350 // the protocol mandates HMAC-SHA1
        using HMACSHA1 hmac = new(Encoding.UTF8.GetBytes(secret + "&"));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
    }

    public static string V3(string method, IEnumerable<KeyValuePair<string, string>> query, IDictionary<string, string> headers, string payloadHash, string secret, out string signedHeaders)
    {
        List<KeyValuePair<string, string>> signed = [.. headers
            .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value.Trim()))
            .Where(h => h.Key is "host" or "content-type" || h.Key.StartsWith("x-acs-", StringComparison.Ordinal))
            .OrderBy(h => h.Key, StringComparer.Ordinal)];
        signedHeaders = string.Join(";", signed.Select(h => h.Key));
        string canonicalRequest = method + "\n/\n" + Canonical(query) + "\n"
            + string.Concat(signed.Select(h => h.Key + ":" + h.Value + "\n")) + "\n" + signedHeaders + "\n" + payloadHash;
        string toSign = "ACS3-HMAC-SHA256\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        using HMACSHA256 hmac = new(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
    }
}
