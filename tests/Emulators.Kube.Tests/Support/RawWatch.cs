using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Tests.Support;

/// <summary>A watch read line by line over raw HTTP (as the C# client reads it), for checking the wire format.</summary>
public sealed class RawWatch : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private RawWatch(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public int StatusCode => (int)_response.StatusCode;

    public string? ContentType => _response.Content.Headers.ContentType?.ToString();

    /// <summary>Opens the watch; returns once the response headers arrived.</summary>
    public static async Task<RawWatch> OpenAsync(HttpClient http, string pathAndQuery, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/')), HttpCompletionOption.ResponseHeadersRead, ct);
        var stream = await response.Content.ReadAsStreamAsync(ct);
        return new RawWatch(response, new StreamReader(stream));
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<JsonObject?> NextAsync()
    {
        var line = await _reader.ReadLineAsync(TestContext.Current.CancellationToken);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
