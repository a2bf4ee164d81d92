using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansEci.Eci.Tests.LocalEci;

/// <summary>
/// The local ECI service's control API (<c>/_emulator/</c>, unsigned, loopback only) as the integration
/// tests use it: inject faults, read per-action counters, read the region's state.
/// Every failed call fails the test with the route and the answer.
/// </summary>
internal sealed class EmulatorControl(Uri controlUri) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new() { BaseAddress = controlUri };

    /// <summary>Adds a fault rule: <c>{ kind, action?, count?, fraction?, status?, delayMs? }</c>.</summary>
    public Task AddFaultAsync(object rule, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "faults", rule, cancellationToken);

    /// <summary>Removes every fault rule.</summary>
    public Task ClearFaultsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, "faults", null, cancellationToken);

    /// <summary>The fault kinds still armed (a rule with a count disappears once it has fired that often).</summary>
    public async Task<IReadOnlyList<string>> ArmedFaultKindsAsync(CancellationToken cancellationToken)
    {
        JsonElement rules = await SendAsync(HttpMethod.Get, "faults", null, cancellationToken);
        return [.. rules.EnumerateArray().Select(r => r.GetProperty("kind").GetString() ?? "")];
    }

    /// <summary>Per-action counters; an action never called is absent.</summary>
    public async Task<IReadOnlyDictionary<string, ActionCalls>> CallsAsync(CancellationToken cancellationToken)
    {
        JsonElement calls = await SendAsync(HttpMethod.Get, "calls", null, cancellationToken);
        return calls.Deserialize<Dictionary<string, ActionCalls>>(Json) ?? [];
    }

    /// <summary>One action's counters (zeros when it was never called).</summary>
    public async Task<ActionCalls> CallsAsync(string action, CancellationToken cancellationToken) =>
        (await CallsAsync(cancellationToken)).GetValueOrDefault(action) ?? ActionCalls.None;

    /// <summary>How many container groups the region holds (deleted ones excluded).</summary>
    public async Task<int> GroupCountAsync(CancellationToken cancellationToken)
    {
        JsonElement region = await SendAsync(HttpMethod.Get, "region", null, cancellationToken);
        return region.GetProperty("groups").GetInt32();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = new(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Expected the control API to accept {method} {path}, it answered {(int)response.StatusCode}: {text}");
        using JsonDocument document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }
}
