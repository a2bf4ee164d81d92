using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using OrleansEci.Emulators.Eci.Hosting;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// Verifies a request's signature (v1 when a <c>Signature</c> parameter is present, v3 when an
/// <c>Authorization: ACS3-HMAC-SHA256 …</c> header is), its timestamp (±tolerance) and its nonce (single use),
/// against the configured keys. Returns the caller's AccessKeyId.
/// </summary>
internal sealed class RequestAuthenticator(IEnumerable<AccessKeyCredential> keys, TimeProvider time, TimeSpan tolerance)
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
    private readonly Dictionary<string, AccessKeyCredential> _keys = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
    private readonly NonceCache _nonces = new(time);

    public NonceCache Nonces => _nonces;

    public string Authenticate(RpcRequest request)
    {
        string? authorization = request.Header("authorization");
        return request.Parameters.Has("Signature") || authorization is null
            ? AuthenticateV1(request)
            : AuthenticateV3(request, authorization);
    }

    private string AuthenticateV1(RpcRequest request)
    {
        RpcParameters p = request.Parameters;
        string signature = p.Required("Signature");
        string accessKeyId = p.Required("AccessKeyId");
        string timestamp = p.Optional("Timestamp") ?? p.Optional("TimeStamp") ?? throw EciErrors.MissingParameter("Timestamp");
        string nonce = p.Required("SignatureNonce");
        string method = p.Optional("SignatureMethod") ?? "HMAC-SHA1";
        if (method != "HMAC-SHA1")
        {
            throw EciErrors.InvalidParameter("SignatureMethod", "Only HMAC-SHA1 is supported for signature version 1.0.");
        }

        AccessKeyCredential key = Find(accessKeyId, p.Optional("SecurityToken"));
        DateTimeOffset at = CheckTimestamp(timestamp);
        string stringToSign = SignatureV1.StringToSign(request.Method, p.All);
        if (!FixedTimeEquals(SignatureV1.Sign(stringToSign, key.Secret), signature))
        {
            throw EciErrors.SignatureDoesNotMatch(stringToSign);
        }

        UseNonce(accessKeyId, nonce, at);
        return accessKeyId;
    }

    private string AuthenticateV3(RpcRequest request, string authorization)
    {
        (string accessKeyId, IReadOnlyList<string> signedHeaders, string signature) = SignatureV3.ParseAuthorization(authorization);
        string timestamp = request.Header("x-acs-date") ?? throw EciErrors.MissingParameter("x-acs-date");
        string nonce = request.Header("x-acs-signature-nonce") ?? throw EciErrors.MissingParameter("x-acs-signature-nonce");
        string payloadHash = request.Header("x-acs-content-sha256") ?? throw EciErrors.MissingParameter("x-acs-content-sha256");
        AccessKeyCredential key = Find(accessKeyId, request.Header("x-acs-security-token"));
        DateTimeOffset at = CheckTimestamp(timestamp);
        if (!string.Equals(payloadHash, request.BodySha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            throw EciErrors.SignatureDoesNotMatch($"(x-acs-content-sha256 {payloadHash} is not the SHA-256 of the body, {request.BodySha256Hex})");
        }

        string canonical = SignatureV3.CanonicalRequest(request.Method, request.Query, request.Headers, signedHeaders, payloadHash);
        string stringToSign = SignatureV3.StringToSign(canonical);
        if (!FixedTimeEquals(SignatureV3.Sign(stringToSign, key.Secret), signature))
        {
            throw EciErrors.SignatureDoesNotMatch(stringToSign.Replace("\n", "\\n", StringComparison.Ordinal));
        }

        UseNonce(accessKeyId, nonce, at);
        return accessKeyId;
    }

    private AccessKeyCredential Find(string accessKeyId, string? securityToken)
    {
        if (!_keys.TryGetValue(accessKeyId, out AccessKeyCredential? key))
        {
            throw EciErrors.AccessKeyNotFound();
        }

        if (key.SecurityToken is not null && key.SecurityToken != securityToken)
        {
            throw new EciApiException(400, "InvalidSecurityToken.MismatchWithAccessKey", "The security token does not match the access key.");
        }

        return key;
    }

    private DateTimeOffset CheckTimestamp(string value)
    {
        if (!DateTimeOffset.TryParseExact(value, TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at))
        {
            throw EciErrors.TimestampFormat(value);
        }

        if ((time.GetUtcNow() - at).Duration() > tolerance)
        {
            throw EciErrors.TimestampExpired(value);
        }

        return at;
    }

    private void UseNonce(string accessKeyId, string nonce, DateTimeOffset at)
    {
        if (!_nonces.TryUse(accessKeyId, nonce, at + tolerance))
        {
            throw EciErrors.NonceUsed(nonce);
        }
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
