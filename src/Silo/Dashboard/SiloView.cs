namespace OrleansEci.Silo.Dashboard;

/// <summary>A silo of the cluster as Orleans' membership lists it.</summary>
internal sealed record SiloView(string Address, string Name, string HostName, string Status, DateTimeOffset Started);
