namespace OrleansEci.Grains.Diagnostics;

/// <summary>A virtual node's pods by phase (as last written to Kubernetes), how many have a current error, and in all.</summary>
[GenerateSerializer, Immutable, Alias("eci.NodePodCounts")]
public sealed record NodePodCounts(
    [property: Id(0)] string Node,
    [property: Id(1)] IReadOnlyDictionary<string, int> ByPhase,
    [property: Id(2)] int Errors,
    [property: Id(3)] int Total);
