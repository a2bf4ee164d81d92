namespace OrleansEci.Eci.Tests.LocalEci;

/// <summary>One action's counters as the emulator's control API reports them (<c>GET /_emulator/calls</c>).</summary>
/// <param name="Received">Calls that passed authentication and named a known action.</param>
/// <param name="Succeeded">Calls whose action ran and succeeded (an answer lost by a fault still counts).</param>
/// <param name="Throttled">Calls answered <c>Throttling.*</c>, injected or by flow control.</param>
/// <param name="Failed">Calls answered with any other error.</param>
/// <param name="Injected">Calls that a fault rule touched.</param>
internal sealed record ActionCalls(long Received, long Succeeded, long Throttled, long Failed, long Injected)
{
    public static ActionCalls None { get; } = new(0, 0, 0, 0, 0);
}
