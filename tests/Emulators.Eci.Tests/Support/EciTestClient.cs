using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansEci.Emulators.Eci.Tests.Support;

/// <summary>Signs and sends RPC calls (v1 over GET or form POST, or v3 over POST) with the test-only signer.</summary>
internal sealed class EciTestClient(Uri baseUri, string accessKeyId, string secret, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri };

    public string Region { get; init; } = "cn-hangzhou";

    public Task<EciResponse> CallAsync(string action, IDictionary<string, string>? parameters = null, string method = "POST") =>
        CallV1Async(action, parameters, method, null, null);

    public async Task<EciResponse> CallV1Async(string action, IDictionary<string, string>? parameters, string method,
        Action<Dictionary<string, string>>? tamper, string? signatureOverride)
    {
        Dictionary<string, string> p = new(StringComparer.Ordinal)
        {
            ["Action"] = action,
            ["Version"] = "2018-08-08",
            ["Format"] = "JSON",
            ["AccessKeyId"] = accessKeyId,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["Timestamp"] = Timestamp(time.GetUtcNow()),
            ["RegionId"] = Region,
        };
        foreach (KeyValuePair<string, string> kv in parameters ?? new Dictionary<string, string>())
        {
            p[kv.Key] = kv.Value;
        }

        tamper?.Invoke(p);
        p["Signature"] = signatureOverride ?? TestSigner.V1(method, p.Where(kv => kv.Key != "Signature"), secret);
        string encoded = TestSigner.Canonical(p);
        using HttpRequestMessage request = method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, "/?" + encoded)
            : new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(encoded, Encoding.UTF8, "application/x-www-form-urlencoded") };
        return await SendAsync(request).ConfigureAwait(false);
    }

    public async Task<EciResponse> CallV3Async(string action, IDictionary<string, string> parameters, string? secretOverride = null, string? nonce = null)
    {
        Dictionary<string, string> query = new(parameters, StringComparer.Ordinal) { ["RegionId"] = Region };
        string payloadHash = Convert.ToHexStringLower(SHA256.HashData([]));
        Dictionary<string, string> headers = new(StringComparer.Ordinal)
        {
            ["host"] = _http.BaseAddress!.Authority,
            ["x-acs-action"] = action,
            ["x-acs-version"] = "2018-08-08",
            ["x-acs-date"] = Timestamp(time.GetUtcNow()),
            ["x-acs-signature-nonce"] = nonce ?? Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = payloadHash,
        };
        string signature = TestSigner.V3("POST", query, headers, payloadHash, secretOverride ?? secret, out string signed);
        using HttpRequestMessage request = new(HttpMethod.Post, "/?" + TestSigner.Canonical(query));
        foreach ((string name, string value) in headers.Where(h => h.Key != "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"ACS3-HMAC-SHA256 Credential={accessKeyId},SignedHeaders={signed},Signature={signature}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await SendAsync(request).ConfigureAwait(false);
    }

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();

    private async Task<EciResponse> SendAsync(HttpRequestMessage request)
    {
        using HttpResponseMessage response = await _http.SendAsync(request, TestContext.Current.CancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        Dictionary<string, string> headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        using JsonDocument doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return new EciResponse(response.StatusCode, doc.RootElement.Clone(), headers);
    }
}
