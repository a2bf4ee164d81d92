namespace OrleansEci.Grains.Nodes;

/// <summary>A virtual node as the dashboard sees it.</summary>
[GenerateSerializer, Immutable, Alias("eci.VirtualNodeState")]
public sealed record VirtualNodeState(
    [property: Id(0)] string NodeName,
    [property: Id(1)] bool Registered,
    [property: Id(2)] int Pods,
    [property: Id(3)] DateTimeOffset? LastLeaseRenewal,
    [property: Id(4)] DateTimeOffset? LastStatusUpdate,
    [property: Id(5)] string? WatchResourceVersion,
    [property: Id(6)] long WatchRestarts);
