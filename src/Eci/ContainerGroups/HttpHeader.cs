namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A header of a lifecycle hook's HTTP GET, <c>...HttpGetHttpHeader.N.{Name, Value}</c>.</summary>
public sealed record HttpHeader(string Name, string Value);
