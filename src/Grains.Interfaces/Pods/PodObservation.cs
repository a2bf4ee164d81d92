namespace OrleansEci.Grains.Pods;

/// <summary>
/// A pod seen by a virtual node's watch: the UTF-8 JSON of the whole object as the API server sent it, with the fields
/// the grain needs before parsing it. <paramref name="Deleted"/> means the object is gone from the API server.
/// </summary>
[GenerateSerializer, Immutable, Alias("eci.PodObservation")]
public sealed record PodObservation(
    [property: Id(0)] string Uid,
    [property: Id(1)] string ResourceVersion,
    [property: Id(2)] string NodeName,
    [property: Id(3)] bool Deleted,
    [property: Id(4)] ReadOnlyMemory<byte> PodJson);
