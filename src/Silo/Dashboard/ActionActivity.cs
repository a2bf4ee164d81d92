namespace OrleansEci.Silo.Dashboard;

/// <summary>One ECI action's calls over the recent window, in all and per minute (oldest first).</summary>
internal sealed record ActionActivity(string Action, long Calls, long Throttled, long Failed, IReadOnlyList<long> CallsPerMinute, IReadOnlyList<long> ThrottledPerMinute);
