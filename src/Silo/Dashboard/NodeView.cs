namespace OrleansEci.Silo.Dashboard;

/// <summary>
/// A virtual node in the overview: its registration and lease (from its grain), its pods by phase (from the pod
/// index), and its advertised capacity (configuration). <see cref="Problem"/> says why a part could not be read.
/// </summary>
internal sealed record NodeView(
    string Name,
    IReadOnlyList<string> Zones,
    bool Registered,
    bool Ready,
    DateTimeOffset? LastLeaseRenewal,
    DateTimeOffset? LastStatusUpdate,
    long WatchRestarts,
    int WatchedPods,
    IReadOnlyDictionary<string, int> PodsByPhase,
    int PodsWithErrors,
    int IndexedPods,
    string CpuCapacity,
    string MemoryCapacity,
    string PodCapacity,
    string? Problem);
