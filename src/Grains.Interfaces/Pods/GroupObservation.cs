namespace OrleansEci.Grains.Pods;

/// <summary>
/// What the status poller saw of one container group: the JSON of a <c>ContainerGroupStatus</c> (the cheap delta
/// poll), of a whole <c>ContainerGroup</c> (fresh groups polled by id, with events), of a list of <c>EciEvent</c>, or
/// nothing at all when the group is missing from ECI.
/// </summary>
[GenerateSerializer, Immutable, Alias("eci.GroupObservation")]
public sealed record GroupObservation(
    [property: Id(0)] string ContainerGroupId,
    [property: Id(1)] GroupObservationKind Kind,
    [property: Id(2)] ReadOnlyMemory<byte> Json,
    [property: Id(3)] DateTimeOffset ObservedAt);

/// <summary>Which ECI answer a <see cref="GroupObservation"/> carries.</summary>
[GenerateSerializer, Alias("eci.GroupObservationKind")]
public enum GroupObservationKind
{
    /// <summary>DescribeContainerGroupStatus <c>Data[i]</c>.</summary>
    Status = 0,

    /// <summary>DescribeContainerGroups <c>ContainerGroups[i]</c>.</summary>
    Group = 1,

    /// <summary>DescribeContainerGroupEvents <c>Data[i].Events</c>.</summary>
    Events = 2,

    /// <summary>A lookup by id found nothing: the group is gone.</summary>
    Missing = 3,
}
