using System.Security.Cryptography;
using System.Text;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// RPC signature v1 (HMAC-SHA1), reference §1.5. Written independently of <c>src/Eci</c> on purpose:
/// a signing bug shared by client and server would hide itself; both are checked against the published vectors.
/// </summary>
internal static class SignatureV1
{
    /// <summary><c>Method&amp;%2F&amp;percentEncode(canonicalized params without Signature)</c>.</summary>
    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        string canonical = PercentEncoding.Canonicalize(parameters.Where(p => p.Key != "Signature"));
        return method + "&" + PercentEncoding.Encode("/") + "&" + PercentEncoding.Encode(canonical);
    }

    /// <summary>Base64(HMAC-SHA1(secret + "&amp;", stringToSign)).</summary>
    public static string Sign(string stringToSign, string secret)
    {
        // HMAC-SHA1 is what the protocol mandates (reference §1.5); it authenticates, it does not protect secrets.
#pragma warning disable CA5350
        byte[] mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(stringToSign));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }
}
