using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace OrleansEci.Eci.Tests.Faults;

/// <summary>
/// Sits between the client and the wire and records, per ClientToken, every CreateContainerGroup attempt and
/// how it ended (other actions pass unrecorded): an HTTP status (and the group id of a success) or no answer at all.
/// </summary>
internal sealed class WireRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _attempts = new(StringComparer.Ordinal);

    /// <summary>Outcomes per ClientToken, in order: <c>200 eci-…</c>, <c>400 Throttling.User</c> or <c>no answer</c>.</summary>
    public IReadOnlyDictionary<string, string[]> AttemptsByToken => _attempts.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (Field(body, "Action") != "CreateContainerGroup")
        {
            return await base.SendAsync(request, cancellationToken);
        }

        string token = Field(body, "ClientToken") ?? "(none)";
        ConcurrentQueue<string> outcomes = _attempts.GetOrAdd(token, _ => new ConcurrentQueue<string>());
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            string detail = response.StatusCode == HttpStatusCode.OK
                ? answer.RootElement.GetProperty("ContainerGroupId").GetString()!
                : answer.RootElement.GetProperty("Code").GetString()!;
            outcomes.Enqueue($"{(int)response.StatusCode} {detail}");
            return response;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            outcomes.Enqueue("no answer");
            throw;
        }
    }

    private static string? Field(string form, string name) =>
        form.Split('&').Select(pair => pair.Split('=', 2)).Where(kv => kv.Length == 2 && kv[0] == name).Select(kv => Uri.UnescapeDataString(kv[1])).FirstOrDefault();
}
