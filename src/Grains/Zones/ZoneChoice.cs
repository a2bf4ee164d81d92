using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Zones;

/// <summary>
/// One create call of a fallback sequence: a zone's vSwitches and the specs to ask for there. Persisted with the
/// ClientToken before the call, so a retry after a lost answer sends the same body under the same token.
/// </summary>
/// <param name="ZoneKey">The zone grain's key.</param>
/// <param name="ZoneId">The zone, when known.</param>
/// <param name="VSwitchIds">The vSwitches to send; empty: the request's own (ECI picks).</param>
/// <param name="InstanceTypes">The <c>eci-use-specs</c> entries to send (those not known to be out here); null when the
/// pod is sized by vCPU and memory.</param>
/// <param name="SpecKeys">What the knowledge is keyed by: the instance types, or the vCPU-memory spec such as <c>2-4Gi</c>.</param>
/// <param name="KnownBad">Every spec or vSwitch here is known to fail; sent only as a probe when nothing better is left.</param>
/// <param name="Why">Why it is known bad, for events.</param>
[GenerateSerializer, Immutable, Alias("eci.ZoneChoice")]
public sealed record ZoneChoice(
    [property: Id(0)] string ZoneKey,
    [property: Id(1)] string? ZoneId,
    [property: Id(2)] IReadOnlyList<string> VSwitchIds,
    [property: Id(3)] IReadOnlyList<string>? InstanceTypes,
    [property: Id(4)] IReadOnlyList<string> SpecKeys,
    [property: Id(5)] bool KnownBad,
    [property: Id(6)] string? Why)
{
    /// <summary>Where it is: the zone, or the vSwitches when the zone is not known.</summary>
    public string Where => ZoneId ?? (VSwitchIds.Count > 0 ? string.Join(',', VSwitchIds) : "a zone of ECI's choice");

    /// <summary><paramref name="request"/> narrowed to this choice. Deterministic: the same request gives the same body.</summary>
    public CreateContainerGroupRequest ApplyTo(CreateContainerGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (VSwitchIds.Count == 0)
        {
            return request with { InstanceTypes = InstanceTypes ?? request.InstanceTypes };
        }

        return request with
        {
            VSwitchIds = VSwitchIds,
            ScheduleStrategy = VSwitchIds.Count > 1 ? request.ScheduleStrategy : null,
            InstanceTypes = InstanceTypes ?? request.InstanceTypes,
            // The choice's zone, or none when it is not known (a vSwitch from the pod's annotation that Zones:VSwitches does
            // not describe): ZoneId is optional and ECI takes the zone from the vSwitch, while the node's zone beside another
            // zone's vSwitch is refused (InvalidParameter ZoneId).
            ZoneId = request.ZoneId is null ? null : ZoneId,
        };
    }
}
