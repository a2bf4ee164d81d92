using System.Net;
using System.Text.Json;

namespace OrleansEci.Eci.Tests.BadInput;

/// <summary>Keeps the last error answer off the wire (status and envelope), to compare with what the client surfaces.</summary>
internal sealed class EnvelopeRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    public HttpStatusCode? LastStatus { get; private set; }

    public JsonElement LastEnvelope { get; private set; }

    public string Field(string name) => LastEnvelope.ValueKind == JsonValueKind.Object && LastEnvelope.TryGetProperty(name, out JsonElement v) ? v.GetString() ?? "" : "";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            LastStatus = response.StatusCode;
            LastEnvelope = body.RootElement.Clone();
        }

        return response;
    }
}
