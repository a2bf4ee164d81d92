namespace OrleansEci.Silo.Dashboard;

/// <summary>Status writes of the recent window and their lag behind ECI (seconds).</summary>
internal sealed record LagSummary(long Writes, double? MeanSeconds, double? MaxSeconds);
