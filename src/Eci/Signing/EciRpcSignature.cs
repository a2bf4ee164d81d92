using System.Security.Cryptography;
using System.Text;

namespace OrleansEci.Eci.Signing;

/// <summary>
/// Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1), exactly as eci-openapi.md §1.5 describes
/// (sources: help.aliyun.com/document_detail/28839.html; alibabacloud-go/openapi-util
/// <c>GetRPCSignature</c>; aliyun/openapi-core-nodejs-sdk <c>lib/rpc.js</c>). Written by hand because
/// no maintained .NET package for it is served here. The ECI emulator must not reuse this code: it
/// verifies with its own implementation, and both are checked against the published vectors.
/// </summary>
public static class EciRpcSignature
{
    /// <summary>The <c>SignatureMethod</c> value.</summary>
    public const string Method = "HMAC-SHA1";

    /// <summary>The <c>SignatureVersion</c> value.</summary>
    public const string Version = "1.0";

    /// <summary>
    /// RFC 3986 percent-encoding of the UTF-8 bytes: <c>A-Z a-z 0-9 - _ . ~</c> stay literal, every
    /// other byte becomes <c>%XY</c> in upper-case hex, and a space is <c>%20</c>, never <c>+</c>.
    /// </summary>
    public static string PercentEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 16);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonicalized query: every parameter except <c>Signature</c>, sorted by name in ordinal
    /// (byte) order, each as <c>encode(name)=encode(value)</c>, joined by <c>&amp;</c>.
    /// </summary>
    public static string Canonicalize(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters
            .Where(static p => p.Key != "Signature")
            .OrderBy(static p => p.Key, StringComparer.Ordinal)
            .Select(static p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value ?? "")));
    }

    /// <summary><c>HTTPMethod + "&amp;" + encode("/") + "&amp;" + encode(canonicalized)</c>.</summary>
    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(httpMethod);
        return httpMethod + "&" + PercentEncode("/") + "&" + PercentEncode(Canonicalize(parameters));
    }

    /// <summary>Base64(HMAC-SHA1(key = secret + "&amp;", UTF-8(stringToSign))).</summary>
    public static string Sign(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        // HMAC-SHA1 is what signature version 1.0 is defined as; it is not our choice to make.
#pragma warning disable CA5350
        byte[] mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>The signature of a request with these parameters, sent with this HTTP method.</summary>
    public static string Compute(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret) =>
        Sign(StringToSign(httpMethod, parameters), accessKeySecret);

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + (value - 10));
}
