using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// The pod maps to <paramref name="Request"/>. <paramref name="Notes"/> are what the pod asks for that ECI does not
/// apply (one Warning event each); <paramref name="Policy"/> is what the pod grain itself must honour.
/// </summary>
public sealed record Mapped(CreateContainerGroupRequest Request, IReadOnlyList<MappingNote> Notes, PodCreationPolicy Policy) : MappingResult;
