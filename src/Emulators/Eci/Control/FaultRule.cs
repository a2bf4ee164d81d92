namespace OrleansEci.Emulators.Eci.Control;

/// <summary>
/// A fault injected through the control API (JSON body of <c>POST /_emulator/faults</c>).
/// <c>kind</c>: <c>throttle</c> (Throttling.User), <c>error</c> (HTTP <c>status</c> 500 InternalError or 503
/// ServiceUnavailable), <c>latency</c> (answer after <c>delayMs</c>), <c>timeout-after-success</c> (do the work, then
/// send no answer: wait <c>delayMs</c> if given and drop the connection), <c>schedule-failure</c> (creates are
/// accepted but end in ScheduleFailed with a NoStock event). <c>action</c> limits it to one action (default all);
/// <c>count</c> to the next N matching calls (default unlimited); <c>fraction</c> to that share of calls (default 1);
/// <c>vSwitchId</c> to calls whose <c>VSwitchId</c> parameter lists that vSwitch (a test's way to fail one zone's create
/// and not another's; default any call).
/// </summary>
internal sealed class FaultRule
{
    public string Kind { get; set; } = "";
    public string? Action { get; set; }
    public int? Count { get; set; }
    public double Fraction { get; set; } = 1;
    public int Status { get; set; } = 500;
    public int? DelayMs { get; set; }
    public string? VSwitchId { get; set; }

    public IEnumerable<string> Validate()
    {
        if (Kind is not ("throttle" or "error" or "latency" or "timeout-after-success" or "schedule-failure"))
        {
            yield return $"kind '{Kind}' is unknown; use throttle, error, latency, timeout-after-success or schedule-failure.";
        }

        if (Fraction is <= 0 or > 1)
        {
            yield return "fraction must be in (0, 1].";
        }

        if (Count is <= 0)
        {
            yield return "count must be positive (omit it for every matching call).";
        }

        if (Kind == "error" && Status is not (500 or 503))
        {
            yield return "status must be 500 (InternalError) or 503 (ServiceUnavailable).";
        }

        if (Kind == "latency" && DelayMs is null or <= 0)
        {
            yield return "latency needs a positive delayMs.";
        }
    }
}
