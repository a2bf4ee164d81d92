using System.Security.Cryptography;

using Microsoft.AspNetCore.WebUtilities;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>Reads an <see cref="HttpRequest"/> into an <see cref="RpcRequest"/> (query and form merged, body hashed).</summary>
internal static class RpcRequestReader
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static async Task<RpcRequest> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsGet(http.Method) && !HttpMethods.IsPost(http.Method))
        {
            throw EciErrors.UnsupportedMethod(http.Method);
        }

        Dictionary<string, string> query = new(StringComparer.Ordinal);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> kv in http.Query)
        {
            query[kv.Key] = kv.Value.ToString();
        }

        Dictionary<string, string> merged = new(query, StringComparer.Ordinal);
        byte[] body = await ReadBodyAsync(http, cancellationToken).ConfigureAwait(false);
        if (body.Length > 0 && IsForm(http.ContentType))
        {
            // Form bodies are the pop-core POST shape (reference §1.2); '+' means space as in any form.
            string text = System.Text.Encoding.UTF8.GetString(body);
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> kv in QueryHelpers.ParseQuery(text))
            {
                merged[kv.Key] = kv.Value.ToString();
            }
        }

        Dictionary<string, IReadOnlyList<string>> headers = new(StringComparer.Ordinal);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> h in http.Headers)
        {
            headers[h.Key.ToLowerInvariant()] = [.. h.Value.Select(v => v ?? "")];
        }

        string bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        return new RpcRequest(http.Method.ToUpperInvariant(), query, new RpcParameters(merged), headers, bodyHash);
    }

    private static bool IsForm(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (http.ContentLength is 0)
        {
            return [];
        }

        using MemoryStream buffer = new();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw EciErrors.InvalidParameter("Body", $"The request body exceeds {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
