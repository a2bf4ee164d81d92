using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using OrleansEci.Eci.Diagnostics;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Signing;
using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci;

/// <summary>One signed HTTP attempt (eci-openapi.md §1–§2).</summary>
public sealed partial class EciClient
{
    // pop-core (aliyun/openapi-core-nodejs-sdk lib/rpc.js) treats a JSON Code outside this set as an
    // error even on HTTP 200; ECI's success answers carry no Code at all.
    private static readonly HashSet<string> SuccessCodes = new(StringComparer.Ordinal) { "200", "OK", "Success", "success" };

    /// <summary>One attempt, counted and timed by action and outcome (<see cref="EciMetrics"/>).</summary>
    private async ValueTask<string> AttemptAsync(string action, List<KeyValuePair<string, string>> business, CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        try
        {
            string body = await SignedAttemptAsync(action, business, cancellationToken).ConfigureAwait(false);
            EciMetrics.Record(action, EciMetrics.Ok, _time.GetElapsedTime(started));
            return body;
        }
        catch (EciException failure)
        {
            EciMetrics.Record(action, failure.Category.ToString(), _time.GetElapsedTime(started));
            throw;
        }
        catch (OperationCanceledException)
        {
            EciMetrics.Record(action, EciMetrics.Canceled, _time.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>
    /// Signs the parameters with a fresh nonce and timestamp (a retry must not reuse them, D-idem),
    /// POSTs them as a form body to the endpoint (as the current SDK does), and returns the answer's
    /// JSON or throws <see cref="EciException"/>.
    /// </summary>
    private async ValueTask<string> SignedAttemptAsync(string action, List<KeyValuePair<string, string>> business, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> parameters = SignedParameters(action, business);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(FormBody(parameters), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        int status;
        string body;
        TimeSpan? retryAfter;
        try
        {
            using HttpResponseMessage response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            retryAfter = ThrottleHeaders.ReadRetryAfter(name => Header(response, name));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Connection refused or reset, or the body cut short (HttpIOException): no usable answer.
            throw EciException.FromTransport(action, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not ours or the caller's: no answer arrived.
            throw EciException.FromTransport(action, ex);
        }

        EciErrorBody? envelope = ReadEnvelope(body);
        if (IsFailure(status, envelope))
        {
            throw EciException.FromResponse(action, status, envelope ?? new EciErrorBody { Message = _redactor.Redact(Excerpt(body)) }, retryAfter);
        }

        EciClientLog.Succeeded(_logger, action, envelope?.RequestId);
        return body;
    }

    private List<KeyValuePair<string, string>> SignedParameters(string action, List<KeyValuePair<string, string>> business)
    {
        var parameters = new List<KeyValuePair<string, string>>(business.Count + 10);
        parameters.AddRange(business);
        parameters.Add(new("Action", action));
        parameters.Add(new("Version", EciActions.ApiVersion));
        parameters.Add(new("Format", "JSON"));
        parameters.Add(new("AccessKeyId", _options.AccessKeyId));
        parameters.Add(new("SignatureMethod", EciRpcSignature.Method));
        parameters.Add(new("SignatureVersion", EciRpcSignature.Version));
        parameters.Add(new("SignatureNonce", _random.NewNonce()));
        parameters.Add(new("Timestamp", EciParameterFlattener.FormatTime(_time.GetUtcNow())));
        if (!string.IsNullOrEmpty(_options.SecurityToken))
        {
            parameters.Add(new("SecurityToken", _options.SecurityToken));
        }

        parameters.Add(new("Signature", EciRpcSignature.Compute("POST", parameters, _options.AccessKeySecret)));
        return parameters;
    }

    private static string FormBody(List<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(static p => EciRpcSignature.PercentEncode(p.Key) + "=" + EciRpcSignature.PercentEncode(p.Value)));

    /// <summary>A 4xx/5xx, or a 2xx whose JSON carries a Code that is not a success code.</summary>
    private static bool IsFailure(int status, EciErrorBody? envelope) =>
        status is < 200 or >= 300 || (envelope?.Code is { Length: > 0 } code && !SuccessCodes.Contains(code));

    /// <summary>The envelope fields of a JSON object answer; null when the answer is not a JSON object.</summary>
    private EciErrorBody? ReadEnvelope(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null : new EciErrorBody
            {
                RequestId = Text(root, "RequestId"),
                HostId = Text(root, "HostId"),
                Code = Text(root, "Code"),
                Message = _redactor.Redact(Text(root, "Message")),
                Recommend = Text(root, "Recommend"),
            };
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a truncated answer): judged by the status alone.
            return null;
        }
    }

    /// <summary>A string member, matched case-insensitively (the official runtimes read <c>Code|code</c>).</summary>
    private static string? Text(JsonElement element, string name)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : null;

    private static string Excerpt(string body) =>
        body.Length <= 200 ? body : string.Concat(body.AsSpan(0, 200), "…");
}
