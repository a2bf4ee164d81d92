namespace OrleansEci.Silo.Dashboard;

/// <summary>What <see cref="RuntimeSnapshot"/> last read: the overview's nodes and silos, and when.</summary>
internal sealed record Snapshot(DateTimeOffset TakenAt, IReadOnlyList<NodeView> Nodes, IReadOnlyList<SiloView> Silos, string? Problem)
{
    public static readonly Snapshot Empty = new(DateTimeOffset.MinValue, [], [], "not read yet");
}
