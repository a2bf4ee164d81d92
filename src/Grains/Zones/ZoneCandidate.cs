namespace OrleansEci.Grains.Zones;

/// <summary>A zone a pod may use and its vSwitches there, in the order the pod or node lists them.</summary>
/// <param name="ZoneKey">The zone grain's key (<c>region/zone</c>, or <c>region/vswitch:id</c> for a vSwitch of unknown zone).</param>
/// <param name="ZoneId">The zone, when known.</param>
/// <param name="VSwitchIds">Its vSwitches; empty when the pod names none (ECI then picks).</param>
internal sealed record ZoneCandidate(string ZoneKey, string? ZoneId, IReadOnlyList<string> VSwitchIds);
