namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A kernel parameter, <c>Sysctl.N.{Name, Value}</c>.</summary>
public sealed record Sysctl(string Name, string Value);
