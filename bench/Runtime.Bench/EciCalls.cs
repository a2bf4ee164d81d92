using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansEci.Runtime.Bench;

/// <summary>Calls one ECI action received, as the emulator's control API counts them.</summary>
internal sealed record ActionCalls(long Received, long Succeeded, long Throttled, long Failed, long Injected)
{
    public static readonly ActionCalls None = new(0, 0, 0, 0, 0);

    public static ActionCalls operator -(ActionCalls a, ActionCalls b) =>
        new(a.Received - b.Received, a.Succeeded - b.Succeeded, a.Throttled - b.Throttled, a.Failed - b.Failed, a.Injected - b.Injected);

    public static ActionCalls Subtract(ActionCalls a, ActionCalls b) => a - b;
}

/// <summary>A snapshot of the emulator's per-action counters (<c>GET /_emulator/calls</c>).</summary>
internal sealed class EciCalls
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IReadOnlyDictionary<string, ActionCalls> _byAction;

    private EciCalls(IReadOnlyDictionary<string, ActionCalls> byAction) => _byAction = byAction;

    public ActionCalls this[string action] => _byAction.TryGetValue(action, out ActionCalls? calls) ? calls : ActionCalls.None;

    public IEnumerable<string> Actions => _byAction.Keys;

    /// <summary>Read calls (Describe*), the steady-state cost.</summary>
    public long Reads => _byAction.Where(kv => kv.Key.StartsWith("Describe", StringComparison.Ordinal)).Sum(kv => kv.Value.Received);

    public long Throttled => _byAction.Values.Sum(c => c.Throttled);

    public static async Task<EciCalls> ReadAsync(HttpClient control, CancellationToken cancellationToken)
    {
        var byAction = await control.GetFromJsonAsync<Dictionary<string, ActionCalls>>("calls", Json, cancellationToken)
            ?? throw new InvalidOperationException("The ECI emulator's control API answered /calls with null.");
        return new EciCalls(byAction);
    }

    public static EciCalls operator -(EciCalls a, EciCalls b) =>
        new(a._byAction.ToDictionary(kv => kv.Key, kv => kv.Value - b[kv.Key], StringComparer.Ordinal));

    public static EciCalls Subtract(EciCalls a, EciCalls b) => a - b;

    /// <summary>"Action received (throttled)" for every action that was called, for the report.</summary>
    public string Describe() => _byAction.Count == 0 ? "none"
        : string.Join(", ", _byAction.Where(kv => kv.Value.Received > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Value.Throttled > 0 ? $"{kv.Key} {kv.Value.Received} ({kv.Value.Throttled} throttled)" : $"{kv.Key} {kv.Value.Received}"));
}
