namespace OrleansEci.Grains.Pods;

/// <summary>A container group found in ECI carrying this pod's tags: its id, the pod UID tag, when ECI created it.</summary>
[GenerateSerializer, Immutable, Alias("eci.GroupClaim")]
public sealed record GroupClaim(
    [property: Id(0)] string ContainerGroupId,
    [property: Id(1)] string PodUid,
    [property: Id(2)] string NodeName,
    [property: Id(3)] DateTimeOffset? CreatedAt,
    [property: Id(4)] string? Status);
